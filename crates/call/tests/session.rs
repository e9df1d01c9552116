//! Behaviour of the call model: framing, clear, end of call, limits, registry, pacing, echo.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;
use voxgate_call::{
    session, CallEvent, CallHandler, CallInfo, CallLimits, CallRegistry, CancellationToken,
    ControlRequest, EchoHandler, EndReason, Error, Pacer, ProfileMap, ProfileResolver,
    TransferTarget, TransportKind,
};

fn info(rate: u32) -> CallInfo {
    CallInfo::new(TransportKind::Audiosocket, rate)
}

fn no_limits() -> CallLimits {
    CallLimits {
        max_duration_secs: None,
        idle_timeout_ms: None,
        ..CallLimits::default()
    }
}

#[tokio::test]
async fn outbound_audio_is_chunked_into_frames_and_partial_frame_is_padded_after_one_tick() {
    let (leg, session) = session(info(16_000), no_limits()).unwrap();
    let samples: Vec<i16> = (0..700).map(|i| i as i16).collect(); // 2 frames + 60 samples
    session.play(&samples).unwrap();
    let f1 = leg.next_frame().unwrap();
    let f2 = leg.next_frame().unwrap();
    assert_eq!(f1.len(), 320);
    assert_eq!(f1[..], samples[..320]);
    assert_eq!(f2[..], samples[320..640]);
    // The 60-sample tail waits one tick for more audio...
    assert!(leg.next_frame().is_none());
    // ...then goes out zero-padded.
    let f3 = leg.next_frame().unwrap();
    assert_eq!(f3[..60], samples[640..]);
    assert!(f3[60..].iter().all(|&s| s == 0));
    assert_eq!(session.played().sent_samples, 960);
    assert!(leg.next_frame().is_none());
}

#[tokio::test]
async fn partial_tail_is_completed_by_later_audio() {
    let (leg, session) = session(info(8000), no_limits()).unwrap();
    session.play(&[1; 100]).unwrap();
    assert!(leg.next_frame().is_none());
    session.play(&[2; 60]).unwrap();
    let f = leg.next_frame().unwrap();
    assert_eq!(&f[..100], &[1; 100][..]);
    assert_eq!(&f[100..], &[2; 60][..]);
}

#[tokio::test]
async fn clear_drops_everything_queued_and_flags_the_transport() {
    let (leg, session) = session(info(8000), no_limits()).unwrap();
    session.play(&[7; 1600]).unwrap(); // 200 ms
    assert!(leg.next_frame().is_some());
    assert_eq!(session.queued(), Duration::from_millis(180));
    let cleared = session.clear();
    assert_eq!(cleared.dropped_samples, 1440);
    assert_eq!(cleared.played.sent_samples, 160);
    assert!(leg.next_frame().is_none());
    assert!(leg.take_clear());
    assert!(!leg.take_clear());
    assert_eq!(session.heard(), Duration::from_millis(20));
    leg.confirm_played(80);
    assert_eq!(session.heard(), Duration::from_millis(10));
}

#[tokio::test]
async fn events_arrive_in_order_and_hangup_is_the_last_event() {
    let (mut leg, mut session) = session(info(8000), no_limits()).unwrap();
    leg.push_audio(vec![5; 160]);
    leg.push_dtmf('#');
    leg.push_mark("m1".into());
    leg.finish(EndReason::RemoteHangup);
    assert!(matches!(session.recv().await, Some(CallEvent::Audio(f)) if f.samples == vec![5; 160]));
    assert_eq!(session.recv().await, Some(CallEvent::Dtmf('#')));
    assert_eq!(session.recv().await, Some(CallEvent::Mark("m1".into())));
    assert_eq!(
        session.recv().await,
        Some(CallEvent::Hangup(EndReason::RemoteHangup))
    );
    assert_eq!(session.recv().await, None);
    assert!(matches!(session.play(&[0; 10]), Err(Error::CallEnded(_))));
    assert!(session.hangup().is_err());
}

#[tokio::test]
async fn dropping_the_leg_without_reason_reads_as_connection_closed() {
    let (leg, mut session) = session(info(8000), no_limits()).unwrap();
    drop(leg);
    session.closed().await;
    assert_eq!(
        session.recv().await,
        Some(CallEvent::Hangup(EndReason::ConnectionClosed))
    );
}

#[tokio::test]
async fn slow_agent_loses_frames_instead_of_blocking_the_transport() {
    let limits = CallLimits {
        inbound_queue_frames: 4,
        ..no_limits()
    };
    let (mut leg, _session) = session(info(8000), limits).unwrap();
    for _ in 0..10 {
        leg.push_audio(vec![0; 160]);
    }
    assert_eq!(leg.inbound_dropped(), 6);
}

#[tokio::test]
async fn control_requests_reach_the_transport() {
    let (mut leg, session) = session(info(8000), no_limits()).unwrap();
    session.hangup().unwrap();
    assert!(matches!(
        leg.recv_control().await,
        Some(ControlRequest::Hangup)
    ));

    let t = tokio::spawn(async move {
        let r = session.transfer(TransferTarget("sales,100,1".into())).await;
        (r, session)
    });
    match leg.recv_control().await {
        Some(ControlRequest::Transfer(req)) => {
            assert_eq!(req.target.0, "sales,100,1");
            req.refuse("no signalling");
        }
        other => panic!("unexpected {other:?}"),
    }
    let (r, session) = t.await.unwrap();
    assert!(matches!(r, Err(Error::TransferFailed { reason, .. }) if reason == "no signalling"));
    drop(session);
    assert!(
        leg.recv_control().await.is_none(),
        "dropped session reads as end of control"
    );
}

#[tokio::test]
async fn bad_sample_rate_is_refused() {
    assert!(matches!(
        session(info(0), no_limits()),
        Err(Error::BadSampleRate(0))
    ));
    assert!(matches!(
        session(info(11_025), no_limits()),
        Err(Error::BadSampleRate(11_025))
    ));
}

#[tokio::test]
async fn registry_enforces_the_limit_and_counts_until_both_ends_drop() {
    let limits = CallLimits {
        max_concurrent_calls: 2,
        ..no_limits()
    };
    let shutdown = CancellationToken::new();
    let reg = CallRegistry::new(limits, shutdown.clone());
    let a = reg.open(info(8000)).unwrap();
    let b = reg
        .open(CallInfo::new(TransportKind::Twilio, 8000))
        .unwrap();
    assert!(matches!(
        reg.open(info(8000)),
        Err(Error::TooManyCalls { limit: 2 })
    ));
    let stats = reg.stats();
    assert_eq!(stats.active, 2);
    assert_eq!(stats.active_by_transport["twilio"], 1);
    assert_eq!(stats.active_by_transport["audiosocket"], 1);
    assert_eq!(stats.rejected, 1);
    drop(a.0);
    assert_eq!(reg.active(), 2, "session still held");
    drop(a.1);
    assert_eq!(reg.active(), 1);
    let waiter = {
        let reg = reg.clone();
        tokio::spawn(async move { reg.wait_idle().await })
    };
    assert!(!b.0.shutdown_token().is_cancelled());
    shutdown.cancel();
    assert!(b.0.shutdown_token().is_cancelled());
    assert!(matches!(reg.open(info(8000)), Err(Error::ShuttingDown)));
    drop(b);
    tokio::time::timeout(Duration::from_secs(1), waiter)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reg.stats().started, 2);
}

#[tokio::test(start_paused = true)]
async fn watchdog_fires_on_idle_and_activity_postpones_it() {
    let limits = CallLimits {
        max_duration_secs: Some(10),
        idle_timeout_ms: Some(1000),
        ..CallLimits::default()
    };
    let (mut leg, _s) = session(info(8000), limits).unwrap();
    let mut wd = leg.watchdog();
    let start = Instant::now();
    tokio::time::sleep(Duration::from_millis(800)).await;
    leg.push_audio(vec![0; 160]);
    assert_eq!(wd.expired().await, EndReason::IdleTimeout);
    assert_eq!(start.elapsed(), Duration::from_millis(1800));
}

#[tokio::test(start_paused = true)]
async fn watchdog_fires_on_max_duration_despite_activity() {
    let limits = CallLimits {
        max_duration_secs: Some(2),
        idle_timeout_ms: Some(1000),
        ..CallLimits::default()
    };
    let (mut leg, _s) = session(info(8000), limits).unwrap();
    let mut wd = leg.watchdog();
    let start = Instant::now();
    let r = loop {
        tokio::select! {
            r = wd.expired() => break r,
            _ = tokio::time::sleep(Duration::from_millis(500)) => leg.push_dtmf('1'),
        }
    };
    assert_eq!(r, EndReason::MaxDuration);
    assert_eq!(start.elapsed(), Duration::from_secs(2));
}

#[tokio::test(start_paused = true)]
async fn pacer_sends_a_backlog_at_real_time_rate_without_drift() {
    let mut p = Pacer::new();
    let t0 = Instant::now();
    // The initial burst credit: 3 frames at once, then one per 20 ms.
    for _ in 0..3 {
        assert!(p.try_take());
    }
    assert!(!p.try_take());
    for i in 1..=500u32 {
        tokio::time::sleep_until(p.next_ready_at()).await;
        assert!(p.try_take());
        assert_eq!(t0.elapsed(), Duration::from_millis(20) * i);
        // Work between sends (and late timers) must not push the schedule back.
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
}

#[tokio::test(start_paused = true)]
async fn pacer_sends_a_lone_frame_at_once_and_bursts_at_most_three_after_a_stall() {
    let mut p = Pacer::new();
    for _ in 0..3 {
        assert!(p.try_take());
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(p.try_take(), "a frame ready on time leaves at once");
    tokio::time::sleep(Duration::from_millis(500)).await; // stall
    let mut burst = 0;
    while p.try_take() {
        burst += 1;
    }
    assert_eq!(burst, 3);
    p.refund();
    assert!(p.try_take(), "refunded credit is usable");
}

#[tokio::test(start_paused = true)]
async fn pacer_catches_up_overdue_audio_then_returns_to_real_time() {
    let mut p = Pacer::new();
    for _ in 0..3 {
        assert!(p.try_take());
    }
    // Ten frames queued 200 ms after their place on the timeline: all ten may go now.
    p.grant(Duration::from_millis(200));
    let mut burst = 0;
    while p.try_take() {
        burst += 1;
    }
    assert_eq!(burst, 10);
    // Then the real-time rate again, from the catch-up's end.
    let t0 = Instant::now();
    tokio::time::sleep_until(p.next_ready_at()).await;
    assert!(p.try_take());
    assert_eq!(t0.elapsed(), Duration::from_millis(20));
    // Grants are the lateness of a stream, not a sum, and are settled when the queue runs dry.
    p.grant(Duration::from_millis(40));
    p.grant(Duration::from_millis(40));
    p.settle();
    assert!(!p.try_take());
}

#[tokio::test(start_paused = true)]
async fn echo_after_a_stall_is_owed_catch_up_and_play_is_not() {
    let (mut leg, agent) = session(info(8000), no_limits()).unwrap();
    let echo = Arc::new(EchoHandler::new(Duration::from_millis(100)));
    let task = tokio::spawn({
        let echo = Arc::clone(&echo);
        async move { echo.handle(agent).await }
    });
    // A steady stream, then a 200 ms stall on our side (longer than the echo delay): ten frames
    // are read at once, placed 40..220 ms after the start, due 140..320 ms.
    leg.push_audio(vec![1; 160]);
    tokio::time::sleep(Duration::from_millis(20)).await;
    leg.push_audio(vec![2; 160]);
    tokio::time::sleep(Duration::from_millis(200)).await;
    for v in 3..13 {
        leg.push_audio(vec![v; 160]);
    }
    tokio::time::sleep(Duration::from_millis(1)).await;
    // Frames 1 and 2 were played on time; 3..7 were due 140..220 ms and played at 220 ms.
    assert_eq!(leg.take_catch_up(), Duration::from_millis(80));
    let owed = Duration::from_millis(80);
    let mut p = Pacer::new();
    p.grant(owed);
    let mut sent = 0;
    while p.try_take() && leg.next_frame().is_some() {
        sent += 1;
    }
    assert_eq!(sent, 7, "the backlog goes out at once");
    assert_eq!(leg.take_catch_up(), Duration::ZERO);
    leg.finish(EndReason::RemoteHangup);
    task.await.unwrap();

    // `play` queues at the real-time rate from now: no catch-up owed.
    let (leg, agent) = session(info(8000), no_limits()).unwrap();
    agent.play(&[0; 1600]).unwrap();
    assert_eq!(leg.take_catch_up(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn echo_handler_plays_back_after_the_delay() {
    let (mut leg, session) = session(info(8000), no_limits()).unwrap();
    let echo = Arc::new(EchoHandler::new(Duration::from_millis(100)));
    let task = tokio::spawn({
        let echo = Arc::clone(&echo);
        async move { echo.handle(session).await }
    });
    let t0 = Instant::now();
    leg.push_audio(vec![42; 160]);
    leg.outbound_ready().await;
    assert_eq!(t0.elapsed(), Duration::from_millis(100));
    assert_eq!(leg.next_frame().unwrap(), vec![42; 160]);
    leg.finish(EndReason::RemoteHangup);
    task.await.unwrap();
}

#[test]
fn profile_map_resolves_known_keys_default_or_refuses() {
    let map = ProfileMap::new().with("3A1B0000-0000-0000-0000-000000000001", "sales");
    let k = "3a1b0000-0000-0000-0000-000000000001";
    assert_eq!(
        map.resolve(TransportKind::Audiosocket, k),
        Some("sales".into())
    );
    assert_eq!(map.resolve(TransportKind::Audiosocket, "other"), None);
    let map = map.with_default(Some("echo".into()));
    assert_eq!(
        map.resolve(TransportKind::Audiosocket, "other"),
        Some("echo".into())
    );
}

#[test]
fn call_info_debug_redacts_pii() {
    let mut i = info(8000);
    i.caller = Some("+15551234567".into());
    i.called = Some("+15557654321".into());
    let s = format!("{i:?}");
    // The numbers' own digits, not "555" alone: a random call id may hold that.
    assert!(!s.contains("1234567") && !s.contains("7654321"), "{s}");
    assert!(s.contains("<redacted>"));
}

#[tokio::test(start_paused = true)]
async fn pacer_tick_style_keeps_real_time_rate() {
    let mut p = Pacer::new();
    p.start(); // frame 1 sent at once
    let t0 = Instant::now();
    let mut times = Vec::new();
    for _ in 0..50 {
        times.push(p.tick().await - t0);
    }
    // Two frames of burst credit, then one per 20 ms with no drift.
    assert_eq!(times[0], Duration::ZERO);
    assert_eq!(times[1], Duration::ZERO);
    assert_eq!(times[2], Duration::from_millis(20));
    assert_eq!(times[49], Duration::from_millis(20 * 48));
    assert!(p.is_active());
    p.stop();
    assert!(!p.is_active());
}

#[tokio::test]
async fn profile_handlers_dispatch_by_profile_and_end_unknown_ones() {
    let handlers = voxgate_call::ProfileHandlers::new()
        .with("echo", Arc::new(EchoHandler::new(Duration::ZERO)))
        .with_default("echo");
    assert_eq!(handlers.profiles(), vec!["echo"]);
    assert!(handlers.get(None).is_some());
    assert!(handlers.get(Some("nope")).is_none());

    // The default (echo) plays back what it hears.
    let (mut leg, sess) = session(info(8000), no_limits()).unwrap();
    let h = handlers.clone();
    let task = tokio::spawn(async move { h.handle(sess).await });
    leg.push_audio(vec![7; 160]);
    let mut echoed = None;
    for _ in 0..100 {
        if let Some(f) = leg.next_frame() {
            echoed = Some(f);
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(echoed, Some(vec![7; 160]));
    leg.finish(EndReason::RemoteHangup);
    task.await.unwrap();

    // An unknown profile is hung up at once.
    let mut unknown = info(8000);
    unknown.profile = Some("nope".into());
    let (mut leg, sess) = session(unknown, no_limits()).unwrap();
    handlers.handle(sess).await;
    assert!(matches!(
        leg.recv_control().await,
        Some(ControlRequest::Hangup) | None
    ));
}
