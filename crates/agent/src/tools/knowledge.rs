//! Operator knowledge: the customer directory and the FAQ.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::config::{KnowledgeConfig, DEFAULT_FAQ_MIN_SCORE};
use super::faq::{FaqEntry, FaqHit, FaqIndex};
use super::text::{account_key, digit_runs, edit_distance, phone_key};
use crate::{Error, Result};

const PHONE_COLUMNS: &[&str] = &["phone", "phone_number", "telephone", "caller_id"];
const ACCOUNT_COLUMNS: &[&str] = &["account_number", "account", "account_no", "account_id"];
const NAME_COLUMNS: &[&str] = &["name", "full_name", "customer_name"];
const ADDRESS_COLUMNS: &[&str] = &["address", "street_address", "service_address"];

/// One customer record: the columns of the directory in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    fields: Vec<(String, String)>,
}

impl Customer {
    /// A record from `(column, value)` pairs; column names are lower-cased.
    pub fn new<K: Into<String>, V: Into<String>>(fields: impl IntoIterator<Item = (K, V)>) -> Self {
        Self {
            fields: fields
                .into_iter()
                .map(|(k, v)| (k.into().trim().to_lowercase(), v.into().trim().to_owned()))
                .filter(|(k, v)| !k.is_empty() && !v.is_empty())
                .collect(),
        }
    }

    /// The value of `column`.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == column)
            .map(|(_, v)| v.as_str())
    }

    fn first_of(&self, columns: &[&str]) -> Option<&str> {
        columns.iter().find_map(|c| self.get(c))
    }

    /// The customer's phone number as written in the directory.
    pub fn phone(&self) -> Option<&str> {
        self.first_of(PHONE_COLUMNS)
    }

    /// The account number as written in the directory.
    pub fn account_number(&self) -> Option<&str> {
        self.first_of(ACCOUNT_COLUMNS)
    }

    /// The customer's name.
    pub fn name(&self) -> Option<&str> {
        self.first_of(NAME_COLUMNS)
    }

    /// The service address.
    pub fn address(&self) -> Option<&str> {
        self.first_of(ADDRESS_COLUMNS)
    }

    /// All columns, in file order.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }

    /// The record as a JSON object of strings.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.fields
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect(),
        )
    }

    /// "name Maria Lopez, account number 40017342, balance 84.20, ..." for a fact sentence.
    pub fn describe(&self) -> String {
        self.fields
            .iter()
            .map(|(k, v)| format!("{} {v}", k.replace('_', " ")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What [`Knowledge::lookup`] found for one caller turn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    /// Short sentences for the model (see [`Knowledge::facts`]).
    pub facts: Vec<String>,
    /// The caller said what looks like an account number, and no record could be identified
    /// from it (nor from the caller ID): the agent should say so and ask for the number again,
    /// rather than let a model answer without the record.
    pub account_not_found: bool,
    /// A customer record is among the facts (by caller ID or by what the caller said).
    pub identified: bool,
}

/// Lower-case letters-only words of `text` ("O'Connor" -> "oconnor").
fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '-')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A name word heard as `heard`: exact, or one edit off for words of 5 letters or more
/// ("Lopes" for "Lopez").
fn word_matches(want: &str, heard: &str) -> bool {
    want == heard || (want.len() >= 5 && edit_distance(want, heard) <= 1)
}

/// An FAQ answer chosen for a question, with its score.
pub type FaqMatch<'a> = FaqHit<'a>;

#[derive(Debug, Default)]
struct Inner {
    customers: Vec<Customer>,
    by_phone: HashMap<String, usize>,
    by_account: HashMap<String, usize>,
    /// Lengths of the numeric account keys, to find them inside longer spoken digit runs.
    account_lens: BTreeSet<usize>,
    faq: Option<FaqIndex>,
    faq_min_score: f32,
}

/// Operator data the agent can consult: a customer directory and an FAQ. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Knowledge {
    inner: Arc<Inner>,
}

impl Default for Knowledge {
    fn default() -> Self {
        Self::from_parts(Vec::new(), Vec::new(), DEFAULT_FAQ_MIN_SCORE)
    }
}

impl Knowledge {
    /// Knowledge with no data: lookups find nothing and [`Knowledge::facts`] is empty.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Builds the indexes over `customers` and `faq`.
    pub fn from_parts(customers: Vec<Customer>, faq: Vec<FaqEntry>, faq_min_score: f32) -> Self {
        let mut by_phone = HashMap::new();
        let mut by_account = HashMap::new();
        let mut account_lens = BTreeSet::new();
        for (i, c) in customers.iter().enumerate() {
            // First record wins: a directory listing one number twice is ambiguous either way.
            if let Some(k) = c.phone().and_then(phone_key) {
                by_phone.entry(k).or_insert(i);
            }
            if let Some(a) = c.account_number() {
                let k = account_key(a);
                if !k.is_empty() {
                    if k.bytes().all(|b| b.is_ascii_digit()) {
                        account_lens.insert(k.len());
                    }
                    by_account.entry(k).or_insert(i);
                }
            }
        }
        Self {
            inner: Arc::new(Inner {
                customers,
                by_phone,
                by_account,
                account_lens,
                faq: (!faq.is_empty()).then(|| FaqIndex::new(faq)),
                faq_min_score,
            }),
        }
    }

    /// Loads the files and SQL queries named in `config` (any may be absent).
    ///
    /// # Errors
    /// [`Error::KnowledgeLoad`] naming the file or the SQL source that cannot be read.
    pub fn load(config: &KnowledgeConfig) -> Result<Self> {
        let mut customers = match &config.customers {
            Some(p) => load_customers(p)?,
            None => Vec::new(),
        };
        if let Some(source) = &config.customers_sql {
            customers.extend(super::sql::load_customers(source)?);
        }
        let mut faq = match &config.faq {
            Some(p) => load_faq(p)?,
            None => Vec::new(),
        };
        if let Some(source) = &config.faq_sql {
            faq.extend(super::sql::load_faq(source)?);
        }
        Ok(Self::from_parts(customers, faq, config.faq_min_score))
    }

    /// Number of customer records.
    pub fn customer_count(&self) -> usize {
        self.inner.customers.len()
    }

    /// Number of FAQ entries.
    pub fn faq_len(&self) -> usize {
        self.inner.faq.as_ref().map_or(0, |f| f.entries().len())
    }

    /// The customer whose phone number matches `raw` (any common format, last 10 digits).
    pub fn customer_by_phone(&self, raw: &str) -> Option<&Customer> {
        let k = phone_key(raw)?;
        self.inner
            .by_phone
            .get(&k)
            .map(|&i| &self.inner.customers[i])
    }

    /// The customer with account number `raw` (spaces, dashes and case ignored).
    pub fn customer_by_account(&self, raw: &str) -> Option<&Customer> {
        let k = account_key(raw);
        self.inner
            .by_account
            .get(&k)
            .map(|&i| &self.inner.customers[i])
    }

    /// The one customer whose full name is said in `utterance` together with a second
    /// identifier: an account number at most two digits off (a misheard digit), the last four
    /// digits of their phone number, or their street address (house number and street name).
    /// A name alone is not enough: names are shared and easy to guess.
    fn confirmed_by_name(&self, utterance: &str) -> Option<usize> {
        let words = name_words(utterance);
        if words.len() < 2 {
            return None;
        }
        let runs = digit_runs(utterance);
        let mut confirmed = Vec::new();
        for (i, c) in self.inner.customers.iter().enumerate() {
            let Some(name) = c.name() else { continue };
            let want = name_words(name);
            if want.len() < 2
                || !want
                    .iter()
                    .all(|w| words.iter().any(|h| word_matches(w, h)))
            {
                continue;
            }
            let account = c.account_number().map(account_key).unwrap_or_default();
            let by_account = account.len() >= 5
                && runs
                    .iter()
                    .any(|r| r.len() + 2 >= account.len() && edit_distance(r, &account) <= 2);
            let by_phone = c
                .phone()
                .and_then(phone_key)
                .is_some_and(|p| runs.iter().any(|r| r.len() >= 4 && p.ends_with(r.as_str())));
            let by_address = c.address().is_some_and(|a| {
                let house = digit_runs(a).into_iter().next();
                let street: Vec<String> = name_words(a)
                    .into_iter()
                    .filter(|w| w.len() >= 3)
                    .take(1)
                    .collect();
                house.is_some_and(|h| runs.contains(&h))
                    && street
                        .iter()
                        .all(|s| words.iter().any(|h| word_matches(s, h)))
            });
            if by_account || by_phone || by_address {
                confirmed.push(i);
            }
        }
        match confirmed.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Customers whose account number (or failing that, phone number) is said in `utterance`,
    /// typed or spoken digit by digit, in order of mention, without repeats; failing both, the
    /// one customer confirmed by full name plus a second identifier (a nearly right account
    /// number, the phone number's last digits, or the street address).
    pub fn customers_mentioned(&self, utterance: &str) -> Vec<&Customer> {
        let mut found: Vec<usize> = Vec::new();
        let mut push = |i: usize| {
            if !found.contains(&i) {
                found.push(i);
            }
        };
        // Alphanumeric account numbers typed as one token ("AC-40017342").
        for token in utterance.split_whitespace() {
            let k = account_key(token);
            if k.len() >= 4 && !k.bytes().all(|b| b.is_ascii_digit()) {
                if let Some(&i) = self.inner.by_account.get(&k) {
                    push(i);
                }
            }
        }
        for run in digit_runs(utterance) {
            if let Some(&i) = self.inner.by_account.get(&run) {
                push(i);
                continue;
            }
            let mut hit = false;
            // The number may be glued to other digits ("it's one two ... and my zip ...").
            for &len in self.inner.account_lens.iter().rev() {
                if len < 5 || len > run.len() {
                    continue;
                }
                for start in 0..=run.len() - len {
                    if let Some(&i) = self.inner.by_account.get(&run[start..start + len]) {
                        push(i);
                        hit = true;
                    }
                }
            }
            if !hit && run.len() >= 10 {
                if let Some(&i) = phone_key(&run).and_then(|k| self.inner.by_phone.get(&k)) {
                    push(i);
                }
            }
        }
        if found.is_empty() {
            if let Some(i) = self.confirmed_by_name(utterance) {
                found.push(i);
            }
        }
        found
            .into_iter()
            .map(|i| &self.inner.customers[i])
            .collect()
    }

    /// FAQ entries for `question` scoring at least the configured minimum, best first.
    pub fn search_faq(&self, question: &str, limit: usize) -> Vec<FaqMatch<'_>> {
        let Some(faq) = &self.inner.faq else {
            return Vec::new();
        };
        faq.search(question, limit)
            .into_iter()
            .filter(|h| h.score >= self.inner.faq_min_score)
            .collect()
    }

    /// Short sentences for the model about this turn: the caller's record (by caller ID), a
    /// record whose account number is spoken in `utterance`, and the best FAQ answer above the
    /// score threshold. Deterministic: the same input gives the same facts.
    pub fn facts(&self, caller_id: Option<&str>, utterance: &str) -> Vec<String> {
        self.lookup(caller_id, utterance).facts
    }

    /// [`Knowledge::facts`], and whether the caller gave an account number that matches no
    /// record ([`Lookup::account_not_found`]): a digit run at least as long as the shortest
    /// numeric account number less two digits, when neither the utterance nor the caller ID
    /// identified anyone.
    pub fn lookup(&self, caller_id: Option<&str>, utterance: &str) -> Lookup {
        let mut facts = Vec::new();
        let caller = caller_id.and_then(|c| self.customer_by_phone(c));
        let mentioned = self.customers_mentioned(utterance);
        let identified = caller.is_some() || !mentioned.is_empty();
        let account_not_found = caller.is_none()
            && mentioned.is_empty()
            && self.inner.account_lens.first().is_some_and(|&shortest| {
                let min = shortest.saturating_sub(2).max(5);
                digit_runs(utterance).iter().any(|r| r.len() >= min)
            });
        if let Some(c) = caller {
            facts.push(format!("The caller's customer record: {}.", c.describe()));
        }
        for c in mentioned {
            if Some(c) == caller {
                continue;
            }
            let label = c
                .account_number()
                .map(|a| format!("account {a}"))
                .unwrap_or_else(|| "the number the caller gave".to_owned());
            facts.push(format!("Customer record for {label}: {}.", c.describe()));
        }
        if let Some(hit) = self.search_faq(utterance, 1).first() {
            facts.push(format!(
                "FAQ answer to \"{}\": {}",
                hit.entry.question, hit.entry.answer
            ));
        }
        Lookup {
            facts,
            account_not_found,
            identified,
        }
    }
}

fn load_err(path: &Path, reason: impl std::fmt::Display) -> Error {
    Error::KnowledgeLoad {
        path: path.to_owned(),
        reason: reason.to_string(),
    }
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn json_scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads a customer directory (`.json` array of objects, otherwise CSV with a header row).
///
/// # Errors
/// [`Error::KnowledgeLoad`] if the file cannot be read or parsed, or has neither a phone nor an
/// account column.
pub fn load_customers(path: &Path) -> Result<Vec<Customer>> {
    let customers = if is_json(path) {
        let text = std::fs::read_to_string(path).map_err(|e| load_err(path, e))?;
        let rows: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_str(&text).map_err(|e| load_err(path, e))?;
        rows.iter()
            .map(|row| {
                Customer::new(
                    row.iter()
                        .filter_map(|(k, v)| json_scalar(v).map(|v| (k.clone(), v))),
                )
            })
            .collect::<Vec<_>>()
    } else {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_path(path)
            .map_err(|e| load_err(path, e))?;
        let headers = rdr.headers().map_err(|e| load_err(path, e))?.clone();
        let mut out = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| load_err(path, e))?;
            out.push(Customer::new(headers.iter().zip(rec.iter())));
        }
        out
    };
    if !customers.is_empty()
        && customers
            .iter()
            .all(|c| c.phone().is_none() && c.account_number().is_none())
    {
        return Err(load_err(
            path,
            "no phone or account_number column: nothing to search by",
        ));
    }
    Ok(customers)
}

/// Reads an FAQ (`.json` array of `{question, answer, keywords}`, otherwise CSV
/// `question,answer,keywords` with `;`-separated keywords).
///
/// # Errors
/// [`Error::KnowledgeLoad`] if the file cannot be read or parsed.
pub fn load_faq(path: &Path) -> Result<Vec<FaqEntry>> {
    if is_json(path) {
        let text = std::fs::read_to_string(path).map_err(|e| load_err(path, e))?;
        return serde_json::from_str(&text).map_err(|e| load_err(path, e));
    }
    #[derive(serde::Deserialize)]
    struct Row {
        question: String,
        answer: String,
        #[serde(default)]
        keywords: String,
    }
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| load_err(path, e))?;
    let mut out = Vec::new();
    for row in rdr.deserialize::<Row>() {
        let row = row.map_err(|e| load_err(path, e))?;
        out.push(FaqEntry {
            question: row.question,
            answer: row.answer,
            keywords: row
                .keywords
                .split(';')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(out)
}
