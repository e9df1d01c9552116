//! Rate limiting (token buckets per client key and route group) and failed-auth lockout.
//!
//! The bucket is implemented as GCRA (the "virtual scheduling" form of a token bucket): each key
//! stores one `u64`, the theoretical arrival time (TAT) of its next request. A request at `now`
//! is allowed when `max(TAT, now) + T - now <= burst * T` (with `T = 1 / rate`); this admits
//! exactly `burst` back-to-back requests and then one every `T`, like a bucket of `burst` tokens
//! refilled at `rate`, without floating-point state or a refill timer.
//!
//! Memory is bounded: keys live in sharded hash maps (independent locks, so cores rarely
//! contend), an entry whose TAT has passed carries no information (its bucket is full) and is
//! evicted when a shard reaches its share of `max_keys`. Time comes from a [`Clock`], so tests
//! move a [`ManualClock`] instead of sleeping.

use std::borrow::Borrow;
use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use crate::{Error, Result};

/// Monotonic time source.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Time since an arbitrary fixed origin.
    fn now(&self) -> Duration;
}

/// The real monotonic clock.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose origin is now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// A clock moved by hand, for tests.
#[derive(Debug, Default)]
pub struct ManualClock {
    nanos: AtomicU64,
}

impl ManualClock {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward.
    pub fn advance(&self, d: Duration) {
        self.nanos.fetch_add(duration_ns(d), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}

fn duration_ns(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// How long a refused client must wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// Whole seconds, rounded up, for the `Retry-After` header (at least 1).
    pub fn secs_ceil(&self) -> u64 {
        let s = self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0);
        s.max(1)
    }
}

/// A rate: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    /// Bucket size.
    pub burst: u32,
    /// Sustained requests per second.
    pub per_second: f64,
}

impl Quota {
    /// `n` per second with a burst of `n`.
    pub fn per_second(n: u32) -> Self {
        Self {
            burst: n,
            per_second: f64::from(n),
        }
    }

    /// `n` per minute with a burst of `n`.
    pub fn per_minute(n: u32) -> Self {
        Self {
            burst: n,
            per_second: f64::from(n) / 60.0,
        }
    }

    /// Changes the burst.
    pub fn with_burst(mut self, burst: u32) -> Self {
        self.burst = burst;
        self
    }

    fn interval_ns(&self) -> Result<u64> {
        if self.burst == 0 || !(self.per_second.is_finite() && self.per_second > 0.0) {
            return Err(Error::Config(
                "rate limit needs burst >= 1 and a positive rate".into(),
            ));
        }
        Ok(((1e9 / self.per_second).ceil() as u64).max(1))
    }
}

const SHARDS: usize = 64;

struct Sharded<K, V> {
    shards: Box<[Mutex<HashMap<K, V>>]>,
    hasher: RandomState,
    max_per_shard: usize,
}

impl<K: Hash + Eq, V> Sharded<K, V> {
    fn new(max_keys: usize) -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            // Random keys per process: clients cannot aim all their keys at one shard.
            hasher: RandomState::new(),
            max_per_shard: (max_keys / SHARDS).max(1),
        }
    }

    fn shard<Q: Hash + ?Sized>(&self, key: &Q) -> &Mutex<HashMap<K, V>> {
        let i = (self.hasher.hash_one(key) as usize) % SHARDS;
        &self.shards[i]
    }

    fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().len()).sum()
    }

    fn retain(&self, mut keep: impl FnMut(&V) -> bool) {
        for s in self.shards.iter() {
            s.lock().retain(|_, v| keep(v));
        }
    }
}

/// Makes room in a full shard: drop idle entries, and if all are live, the one closest to idle.
fn make_room<K: Hash + Eq + Clone, V>(
    map: &mut HashMap<K, V>,
    cap: usize,
    idle: impl Fn(&V) -> bool,
    staleness: impl Fn(&V) -> u64,
) {
    if map.len() < cap {
        return;
    }
    map.retain(|_, v| !idle(v));
    if map.len() >= cap {
        if let Some(k) = map
            .iter()
            .min_by_key(|(_, v)| staleness(v))
            .map(|(k, _)| k.clone())
        {
            map.remove(&k);
        }
    }
}

/// A token-bucket limiter for one quota, keyed by client IP, key id or anything hashable.
pub struct RateLimiter<K> {
    map: Sharded<K, u64>,
    interval_ns: u64,
    tolerance_ns: u64,
    clock: Arc<dyn Clock>,
}

impl<K> fmt::Debug for RateLimiter<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("interval_ns", &self.interval_ns)
            .field("tolerance_ns", &self.tolerance_ns)
            .finish_non_exhaustive()
    }
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    /// A limiter keeping at most about `max_keys` keys.
    ///
    /// # Errors
    /// [`Error::Config`] for a zero burst or a non-positive rate.
    pub fn new(quota: Quota, max_keys: usize, clock: Arc<dyn Clock>) -> Result<Self> {
        let interval_ns = quota.interval_ns()?;
        Ok(Self {
            map: Sharded::new(max_keys),
            interval_ns,
            tolerance_ns: interval_ns.saturating_mul(u64::from(quota.burst)),
            clock,
        })
    }

    /// Takes one token for `key`, or says how long to wait.
    ///
    /// # Errors
    /// [`RetryAfter`] when the bucket is empty.
    pub fn check<Q>(&self, key: &Q) -> std::result::Result<(), RetryAfter>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let now = duration_ns(self.clock.now());
        let mut map = self.map.shard(key).lock();
        let decide = |tat: u64| {
            let new_tat = tat.max(now).saturating_add(self.interval_ns);
            let ahead = new_tat - now;
            if ahead > self.tolerance_ns {
                Err(RetryAfter(Duration::from_nanos(ahead - self.tolerance_ns)))
            } else {
                Ok(new_tat)
            }
        };
        if let Some(tat) = map.get_mut(key) {
            *tat = decide(*tat)?;
            return Ok(());
        }
        let new_tat = decide(now)?;
        make_room(&mut map, self.map.max_per_shard, |t| *t <= now, |t| *t);
        map.insert(key.to_owned(), new_tat);
        Ok(())
    }

    /// Number of keys currently tracked.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no key is tracked.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every key whose bucket is full again; call periodically.
    pub fn purge_idle(&self) {
        let now = duration_ns(self.clock.now());
        self.map.retain(|tat| *tat > now);
    }
}

/// Limiters per route group (`"auth"`, `"api"`, `"webhooks"`, ...) with a default for others.
pub struct RouteLimits<K> {
    groups: HashMap<String, RateLimiter<K>>,
    default: RateLimiter<K>,
}

impl<K> fmt::Debug for RouteLimits<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RouteLimits")
            .field("groups", &self.groups.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl<K: Hash + Eq + Clone> RouteLimits<K> {
    /// Builds one limiter per group plus the default.
    ///
    /// # Errors
    /// [`Error::Config`] for an invalid quota.
    pub fn new(
        default: Quota,
        groups: &[(&str, Quota)],
        max_keys_per_group: usize,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let mut map = HashMap::new();
        for (name, q) in groups {
            map.insert(
                (*name).to_owned(),
                RateLimiter::new(*q, max_keys_per_group, clock.clone())?,
            );
        }
        Ok(Self {
            groups: map,
            default: RateLimiter::new(default, max_keys_per_group, clock)?,
        })
    }

    /// Checks `key` against `group`'s quota (the default quota for unknown groups).
    ///
    /// # Errors
    /// [`RetryAfter`] when over the limit.
    pub fn check<Q>(&self, group: &str, key: &Q) -> std::result::Result<(), RetryAfter>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        self.groups.get(group).unwrap_or(&self.default).check(key)
    }

    /// Purges idle keys in every group.
    pub fn purge_idle(&self) {
        self.default.purge_idle();
        for l in self.groups.values() {
            l.purge_idle();
        }
    }
}

/// Failed-authentication lockout settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutConfig {
    /// Failures within `window` that trigger a block (default 5).
    pub max_failures: u32,
    /// Sliding window (default 15 minutes).
    pub window: Duration,
    /// Block duration (default 1 hour).
    pub block: Duration,
    /// Bound on tracked keys (default 100,000).
    pub max_keys: usize,
}

impl Default for LockoutConfig {
    fn default() -> Self {
        Self {
            max_failures: 5,
            window: Duration::from_secs(15 * 60),
            block: Duration::from_secs(3600),
            max_keys: 100_000,
        }
    }
}

/// What a recorded failure led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// Counted; `failures` within the window so far.
    Counted {
        /// Failures in the window, including this one.
        failures: u32,
    },
    /// This failure reached the threshold: the key is now blocked.
    Blocked(RetryAfter),
}

#[derive(Debug, Default)]
struct Tracker {
    failures: VecDeque<u64>,
    blocked_until: u64,
}

/// Counts authentication failures per key (usually the client IP) and blocks abusers.
pub struct Lockout<K> {
    cfg: LockoutConfig,
    map: Sharded<K, Tracker>,
    clock: Arc<dyn Clock>,
}

impl<K> fmt::Debug for Lockout<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lockout")
            .field("cfg", &self.cfg)
            .finish_non_exhaustive()
    }
}

impl<K: Hash + Eq + Clone> Lockout<K> {
    /// A tracker with the given settings.
    ///
    /// # Errors
    /// [`Error::Config`] when `max_failures` is 0.
    pub fn new(cfg: LockoutConfig, clock: Arc<dyn Clock>) -> Result<Self> {
        if cfg.max_failures == 0 {
            return Err(Error::Config("lockout max_failures must be >= 1".into()));
        }
        Ok(Self {
            map: Sharded::new(cfg.max_keys),
            cfg,
            clock,
        })
    }

    fn now(&self) -> u64 {
        duration_ns(self.clock.now())
    }

    /// `Err` while `key` is blocked. Call before checking credentials.
    ///
    /// # Errors
    /// [`RetryAfter`] with the remaining block time.
    pub fn check<Q>(&self, key: &Q) -> std::result::Result<(), RetryAfter>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = self.now();
        match self.map.shard(key).lock().get(key) {
            Some(t) if t.blocked_until > now => {
                Err(RetryAfter(Duration::from_nanos(t.blocked_until - now)))
            }
            _ => Ok(()),
        }
    }

    /// Records a failed attempt.
    pub fn record_failure<Q>(&self, key: &Q) -> FailureOutcome
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let now = self.now();
        let window = duration_ns(self.cfg.window);
        let mut map = self.map.shard(key).lock();
        if !map.contains_key(key) {
            let idle = |t: &Tracker| {
                t.blocked_until <= now
                    && t.failures
                        .back()
                        .is_none_or(|&last| last.saturating_add(window) <= now)
            };
            make_room(&mut map, self.map.max_per_shard, idle, |t| {
                t.failures.back().copied().unwrap_or(0).max(t.blocked_until)
            });
            map.insert(key.to_owned(), Tracker::default());
        }
        let Some(t) = map.get_mut(key) else {
            return FailureOutcome::Counted { failures: 0 };
        };
        if t.blocked_until > now {
            return FailureOutcome::Blocked(RetryAfter(Duration::from_nanos(
                t.blocked_until - now,
            )));
        }
        while t
            .failures
            .front()
            .is_some_and(|&f| f.saturating_add(window) <= now)
        {
            t.failures.pop_front();
        }
        t.failures.push_back(now);
        let n = u32::try_from(t.failures.len()).unwrap_or(u32::MAX);
        if n >= self.cfg.max_failures {
            t.failures.clear();
            t.blocked_until = now.saturating_add(duration_ns(self.cfg.block));
            FailureOutcome::Blocked(RetryAfter(self.cfg.block))
        } else {
            FailureOutcome::Counted { failures: n }
        }
    }

    /// Clears the failure count after a successful login (an active block stays).
    pub fn record_success<Q>(&self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(t) = self.map.shard(key).lock().get_mut(key) {
            t.failures.clear();
        }
    }

    /// Blocks `key` for `duration` (automatic blocks from the security monitor, manual blocks).
    pub fn block(&self, key: K, duration: Duration) {
        let until = self.now().saturating_add(duration_ns(duration));
        let mut map = self.map.shard(&key).lock();
        let t = map.entry(key).or_default();
        t.blocked_until = t.blocked_until.max(until);
    }

    /// Lifts a block and forgets failures.
    pub fn unblock<Q>(&self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.map.shard(key).lock().remove(key);
    }

    /// Drops entries that are neither blocked nor have failures in the window.
    pub fn purge_idle(&self) {
        let now = self.now();
        let window = duration_ns(self.cfg.window);
        self.map.retain(|t| {
            t.blocked_until > now
                || t.failures
                    .back()
                    .is_some_and(|&l| l.saturating_add(window) > now)
        });
    }

    /// Number of tracked keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing is tracked.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Caps concurrent resources (connections, calls, WebSocket sessions) per key, typically the
/// client IP. [`try_acquire`](Self::try_acquire) hands out a permit that gives its slot back
/// when dropped, so a handler that returns early or panics cannot leak capacity.
pub struct ConcurrencyLimiter<K: Hash + Eq> {
    inner: Arc<ConcurrencyInner<K>>,
}

struct ConcurrencyInner<K> {
    map: Sharded<K, u32>,
    max_per_key: u32,
}

impl<K: Hash + Eq> Clone for ConcurrencyLimiter<K> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl<K: Hash + Eq> fmt::Debug for ConcurrencyLimiter<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConcurrencyLimiter")
            .field("max_per_key", &self.inner.max_per_key)
            .finish_non_exhaustive()
    }
}

/// A held slot of a [`ConcurrencyLimiter`]; released on drop.
pub struct ConcurrencyPermit<K: Hash + Eq> {
    inner: Arc<ConcurrencyInner<K>>,
    key: Option<K>,
}

impl<K: Hash + Eq> fmt::Debug for ConcurrencyPermit<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConcurrencyPermit")
    }
}

impl<K: Hash + Eq> Drop for ConcurrencyPermit<K> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            let mut map = self.inner.map.shard(&key).lock();
            if let Some(n) = map.get_mut(&key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    // Entries exist only while in use, which bounds memory by live permits.
                    map.remove(&key);
                }
            }
        }
    }
}

impl<K: Hash + Eq + Clone> ConcurrencyLimiter<K> {
    /// At most `max_per_key` concurrent permits per key.
    ///
    /// # Errors
    /// [`Error::Config`] when `max_per_key` is 0.
    pub fn new(max_per_key: u32) -> Result<Self> {
        if max_per_key == 0 {
            return Err(Error::Config("concurrency limit must be >= 1".into()));
        }
        Ok(Self {
            inner: Arc::new(ConcurrencyInner {
                // Not bounded by key count: an entry lives exactly as long as its permits.
                map: Sharded::new(usize::MAX),
                max_per_key,
            }),
        })
    }

    /// A permit, or `None` when `key` already holds `max_per_key`.
    pub fn try_acquire(&self, key: &K) -> Option<ConcurrencyPermit<K>> {
        let mut map = self.inner.map.shard(key).lock();
        let n = map.entry(key.clone()).or_insert(0);
        if *n >= self.inner.max_per_key {
            return None;
        }
        *n += 1;
        Some(ConcurrencyPermit {
            inner: self.inner.clone(),
            key: Some(key.clone()),
        })
    }

    /// Permits currently held by `key`.
    pub fn in_use(&self, key: &K) -> u32 {
        self.inner
            .map
            .shard(key)
            .lock()
            .get(key)
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    fn clock() -> Arc<ManualClock> {
        Arc::new(ManualClock::new())
    }

    #[test]
    fn burst_then_steady_rate() {
        let c = clock();
        let l: RateLimiter<String> =
            RateLimiter::new(Quota::per_second(10).with_burst(3), 1000, c.clone()).unwrap();
        for _ in 0..3 {
            assert!(l.check("k1").is_ok());
        }
        let wait = l.check("k1").unwrap_err();
        assert_eq!(wait.0, Duration::from_millis(100));
        assert_eq!(wait.secs_ceil(), 1);
        // Other keys are independent.
        assert!(l.check("k2").is_ok());
        c.advance(Duration::from_millis(99));
        assert!(l.check("k1").is_err());
        c.advance(Duration::from_millis(1));
        assert!(l.check("k1").is_ok());
        assert!(l.check("k1").is_err());
        // After a long pause the bucket is full again, but never more than the burst.
        c.advance(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(l.check("k1").is_ok());
        }
        assert!(l.check("k1").is_err());
    }

    #[test]
    fn sustained_rate_is_exact() {
        let c = clock();
        let l: RateLimiter<u32> =
            RateLimiter::new(Quota::per_minute(60).with_burst(1), 10, c.clone()).unwrap();
        let mut allowed = 0;
        for _ in 0..600 {
            if l.check(&1).is_ok() {
                allowed += 1;
            }
            c.advance(Duration::from_millis(100));
        }
        assert_eq!(allowed, 60, "60 s at 1/s");
    }

    #[test]
    fn memory_is_bounded_and_idle_purged() {
        let c = clock();
        let l: RateLimiter<u32> =
            RateLimiter::new(Quota::per_second(1), SHARDS * 4, c.clone()).unwrap();
        for k in 0..10_000u32 {
            assert!(l.check(&k).is_ok());
        }
        assert!(l.len() <= SHARDS * 4, "{}", l.len());
        c.advance(Duration::from_secs(2));
        l.purge_idle();
        assert!(l.is_empty());
    }

    #[test]
    fn route_groups_have_their_own_quota() {
        let c = clock();
        let r: RouteLimits<IpAddr> = RouteLimits::new(
            Quota::per_second(100),
            &[("auth", Quota::per_minute(2))],
            1000,
            c,
        )
        .unwrap();
        let ip = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 9));
        assert!(r.check("auth", &ip).is_ok());
        assert!(r.check("auth", &ip).is_ok());
        let w = r.check("auth", &ip).unwrap_err();
        assert_eq!(w.secs_ceil(), 30);
        assert!(r.check("api", &ip).is_ok());
        assert!(RateLimiter::<u32>::new(Quota::per_second(0), 1, clock()).is_err());
        assert!(RateLimiter::<u32>::new(
            Quota {
                burst: 1,
                per_second: f64::NAN
            },
            1,
            clock()
        )
        .is_err());
    }

    #[test]
    fn lockout_after_five_failures_in_window() {
        let c = clock();
        let l: Lockout<IpAddr> = Lockout::new(LockoutConfig::default(), c.clone()).unwrap();
        let ip = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 7));
        for i in 1..5 {
            assert_eq!(
                l.record_failure(&ip),
                FailureOutcome::Counted { failures: i }
            );
            c.advance(Duration::from_secs(60));
        }
        assert!(l.check(&ip).is_ok());
        assert!(matches!(l.record_failure(&ip), FailureOutcome::Blocked(_)));
        assert_eq!(l.check(&ip).unwrap_err().0, Duration::from_secs(3600));
        c.advance(Duration::from_secs(3599));
        assert!(l.check(&ip).is_err());
        c.advance(Duration::from_secs(1));
        assert!(l.check(&ip).is_ok());
    }

    #[test]
    fn lockout_window_slides_and_success_resets() {
        let c = clock();
        let l: Lockout<u32> = Lockout::new(LockoutConfig::default(), c.clone()).unwrap();
        for _ in 0..4 {
            l.record_failure(&1);
        }
        // 15 minutes later the old failures no longer count.
        c.advance(Duration::from_secs(15 * 60));
        assert_eq!(
            l.record_failure(&1),
            FailureOutcome::Counted { failures: 1 }
        );
        for _ in 0..3 {
            l.record_failure(&1);
        }
        l.record_success(&1);
        assert_eq!(
            l.record_failure(&1),
            FailureOutcome::Counted { failures: 1 }
        );
        l.block(2, Duration::from_secs(10));
        assert!(l.check(&2).is_err());
        l.unblock(&2);
        assert!(l.check(&2).is_ok());
        c.advance(Duration::from_secs(16 * 60));
        l.purge_idle();
        assert!(l.is_empty());
        assert!(Lockout::<u32>::new(
            LockoutConfig {
                max_failures: 0,
                ..Default::default()
            },
            c
        )
        .is_err());
    }

    #[test]
    fn concurrency_permits_are_capped_and_released() {
        let l: ConcurrencyLimiter<IpAddr> = ConcurrencyLimiter::new(2).unwrap();
        let a = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        let b = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));
        let p1 = l.try_acquire(&a).unwrap();
        let p2 = l.try_acquire(&a).unwrap();
        assert!(l.try_acquire(&a).is_none());
        assert!(l.try_acquire(&b).is_some());
        assert_eq!(l.in_use(&a), 2);
        drop(p1);
        assert_eq!(l.in_use(&a), 1);
        let p3 = l.try_acquire(&a).unwrap();
        drop((p2, p3));
        assert_eq!(l.in_use(&a), 0);
        assert!(l.inner.map.len() == 0, "idle keys are removed");
        assert!(ConcurrencyLimiter::<u8>::new(0).is_err());
    }

    #[test]
    fn concurrent_checks_respect_the_burst() {
        let c = clock();
        let l: Arc<RateLimiter<u32>> =
            Arc::new(RateLimiter::new(Quota::per_second(1).with_burst(100), 100, c).unwrap());
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let l = l.clone();
                std::thread::spawn(move || (0..100).filter(|_| l.check(&7).is_ok()).count())
            })
            .collect();
        let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(total, 100);
    }
}
