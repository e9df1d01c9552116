//! Operator knowledge: the customer directory and the FAQ.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::config::{KnowledgeConfig, DEFAULT_FAQ_MIN_SCORE};
use super::faq::{FaqEntry, FaqHit, FaqIndex};
use super::text::{account_key, digit_runs, phone_key};
use crate::{Error, Result};

const PHONE_COLUMNS: &[&str] = &["phone", "phone_number", "telephone", "caller_id"];
const ACCOUNT_COLUMNS: &[&str] = &["account_number", "account", "account_no", "account_id"];
const NAME_COLUMNS: &[&str] = &["name", "full_name", "customer_name"];

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

    /// Loads the files named in `config` (either may be absent).
    ///
    /// # Errors
    /// [`Error::KnowledgeLoad`] naming the file that cannot be read or parsed.
    pub fn load(config: &KnowledgeConfig) -> Result<Self> {
        let customers = match &config.customers {
            Some(p) => load_customers(p)?,
            None => Vec::new(),
        };
        let faq = match &config.faq {
            Some(p) => load_faq(p)?,
            None => Vec::new(),
        };
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

    /// Customers whose account number (or failing that, phone number) is said in `utterance`,
    /// typed or spoken digit by digit, in order of mention, without repeats.
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
        let mut facts = Vec::new();
        let caller = caller_id.and_then(|c| self.customer_by_phone(c));
        if let Some(c) = caller {
            facts.push(format!("The caller's customer record: {}.", c.describe()));
        }
        for c in self.customers_mentioned(utterance) {
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
        facts
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
