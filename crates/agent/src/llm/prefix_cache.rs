//! A small LRU of conversation KV caches, keyed by their token sequences.
//!
//! A dialog resends the whole conversation every turn; the system prompt and the history are
//! the same as last turn's prompt plus the reply. Looking up the longest common token prefix
//! lets a turn evaluate only the tokens that are new since then, and lets a new call reuse the
//! system prompt computed for an earlier call with the same agent profile.

use super::llama::KvCache;

#[derive(Debug)]
struct Entry {
    tokens: Vec<u32>,
    cache: KvCache,
    pinned: bool,
}

/// Cached conversations, least recently used first, bounded by their total token count.
#[derive(Debug)]
pub(crate) struct PrefixCache {
    entries: Vec<Entry>,
    budget_tokens: usize,
}

fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

impl PrefixCache {
    /// A cache holding at most `budget_tokens` tokens of unpinned conversations.
    pub(crate) fn new(budget_tokens: usize) -> Self {
        Self {
            entries: Vec::new(),
            budget_tokens,
        }
    }

    /// The cache of the longest stored prefix of `prompt`, truncated to at most `limit` tokens,
    /// or `None` if no entry shares a token with it.
    pub(crate) fn lookup(&mut self, prompt: &[u32], limit: usize) -> Option<KvCache> {
        let (idx, len) = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i, common_prefix(&e.tokens, prompt).min(limit)))
            .max_by_key(|&(i, len)| (len, i))?;
        if len == 0 {
            return None;
        }
        let entry = self.entries.remove(idx);
        let mut cache = entry.cache.clone();
        self.entries.push(entry);
        // Truncating a fresh clone cannot fail on a shape the cache built itself; if it ever
        // does, a cold start is the safe answer.
        cache.truncate(len).ok()?;
        Some(cache)
    }

    /// Stores the conversation `tokens` whose keys and values are `cache` (same length).
    ///
    /// Unpinned entries that are a prefix of `tokens` are superseded by it; a pinned entry (a
    /// warmed system prompt) stays until [`Self::clear`].
    pub(crate) fn insert(&mut self, tokens: Vec<u32>, cache: KvCache, pinned: bool) {
        if tokens.is_empty() || tokens.len() != cache.len() {
            return;
        }
        if !pinned && tokens.len() > self.budget_tokens {
            return;
        }
        if !pinned {
            if let Some(i) = self
                .entries
                .iter()
                .position(|e| e.tokens.len() >= tokens.len() && e.tokens.starts_with(&tokens))
            {
                // Already covered by a longer conversation: refresh it instead.
                let e = self.entries.remove(i);
                self.entries.push(e);
                return;
            }
        }
        self.entries
            .retain(|e| !(tokens.starts_with(&e.tokens) && (!e.pinned || e.tokens == tokens)));
        self.entries.push(Entry {
            tokens,
            cache,
            pinned,
        });
        self.evict();
    }

    fn evict(&mut self) {
        let mut total: usize = self
            .entries
            .iter()
            .filter(|e| !e.pinned)
            .map(|e| e.tokens.len())
            .sum();
        while total > self.budget_tokens {
            let Some(i) = self.entries.iter().position(|e| !e.pinned) else {
                break;
            };
            total -= self.entries.remove(i).tokens.len();
        }
    }

    /// Drops every entry, pinned ones included.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// Stored conversations.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(range: std::ops::Range<u32>) -> Vec<u32> {
        range.collect()
    }

    fn insert(c: &mut PrefixCache, tokens: Vec<u32>, pinned: bool) {
        let len = tokens.len();
        c.insert(tokens, KvCache::placeholder(len), pinned);
    }

    #[test]
    fn finds_longest_common_prefix_within_limit() {
        let mut c = PrefixCache::new(1000);
        insert(&mut c, seq(0..10), false);
        let mut other = seq(0..4);
        other.extend([99, 98, 97]);
        insert(&mut c, other, false);
        assert_eq!(c.len(), 2);
        // Diverges from the first entry at 6, from the second at 4.
        let mut prompt = seq(0..6);
        prompt.extend([50, 51]);
        assert_eq!(c.lookup(&prompt, 100).map(|k| k.len()), Some(6));
        // The limit keeps at least the tail of the prompt to evaluate.
        assert_eq!(c.lookup(&seq(0..10), 9).map(|k| k.len()), Some(9));
        // Nothing in common.
        assert!(c.lookup(&[7, 0, 1], 3).is_none());
        assert!(c.lookup(&seq(0..10), 0).is_none());
    }

    #[test]
    fn longer_conversation_supersedes_its_prefix_and_budget_evicts_oldest() {
        let mut c = PrefixCache::new(25);
        insert(&mut c, seq(0..10), false);
        insert(&mut c, seq(0..15), false);
        assert_eq!(c.len(), 1, "turn 2 replaces turn 1");
        // A prefix of a stored conversation adds nothing.
        insert(&mut c, seq(0..5), false);
        assert_eq!(c.len(), 1);
        insert(&mut c, seq(100..108), false);
        assert_eq!(c.len(), 2);
        // 15 + 8 + 8 > 25: the least recently used (0..15) goes.
        insert(&mut c, seq(200..208), false);
        assert_eq!(c.len(), 2);
        assert!(c.lookup(&seq(0..15), 15).is_none());
        assert_eq!(c.lookup(&seq(100..108), 8).map(|k| k.len()), Some(8));
        // Larger than the whole budget: not stored.
        insert(&mut c, seq(300..330), false);
        assert!(c.lookup(&seq(300..330), 30).is_none());
    }

    #[test]
    fn pinned_prefix_survives_extensions_and_eviction() {
        let mut c = PrefixCache::new(20);
        insert(&mut c, seq(0..8), true);
        insert(&mut c, seq(0..12), false);
        assert_eq!(c.len(), 2, "a pinned prefix is not superseded");
        insert(&mut c, seq(100..118), false);
        insert(&mut c, seq(200..218), false);
        // Unpinned entries were evicted to fit the budget; the pinned one stays.
        let mut prompt = seq(0..8);
        prompt.push(500);
        assert_eq!(c.lookup(&prompt, 9).map(|k| k.len()), Some(8));
        c.clear();
        assert_eq!(c.len(), 0);
    }
}
