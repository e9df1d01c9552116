//! Hot paths of the telephony core, per 20 ms frame: AudioSocket parse and encode, RTP header
//! parse, the jitter buffer under reordering, and the call model's outbound queue.
//!
//! `cargo bench -p voxgate-telephony --bench telephony -- --warm-up-time 1 --measurement-time 3`

use bytes::BytesMut;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use voxgate_call::{session, CallInfo, CallLimits, TransportKind};
use voxgate_telephony::audiosocket::{encode_audio, AudioFormat, Message};
use voxgate_telephony::rtp::{put_header, JitterBuffer, RtpCodec, RtpPacket};

fn audiosocket(c: &mut Criterion) {
    let frame: Vec<i16> = (0..160).map(|i| i as i16 * 97).collect();
    let mut wire = BytesMut::new();
    encode_audio(AudioFormat::Slin8, &frame, &mut wire);
    let wire = wire.freeze();
    c.bench_function("audiosocket/parse_slin8_frame", |b| {
        b.iter(|| {
            let mut buf = BytesMut::from(&wire[..]);
            black_box(Message::parse(&mut buf))
        })
    });
    let mut out = BytesMut::with_capacity(400);
    c.bench_function("audiosocket/encode_slin8_frame", |b| {
        b.iter(|| {
            out.clear();
            encode_audio(AudioFormat::Slin8, black_box(&frame), &mut out);
        })
    });
}

fn rtp(c: &mut Criterion) {
    let frame: Vec<i16> = (0..160).map(|i| i as i16 * 97).collect();
    let mut pkt = BytesMut::new();
    put_header(&mut pkt, false, 0, 1234, 160_000, 0xdead_beef);
    RtpCodec::Pcmu.encode(&frame, &mut pkt);
    c.bench_function("rtp/parse_and_decode_pcmu", |b| {
        let mut out = Vec::with_capacity(160);
        b.iter(|| {
            let p = RtpPacket::parse(black_box(&pkt)).ok();
            out.clear();
            if let Some(p) = p {
                RtpCodec::Pcmu.decode(&p.payload, &mut out);
            }
            black_box(&out);
        })
    });
    c.bench_function("rtp/jitter_push_pop_reordered", |b| {
        let mut jb = JitterBuffer::new(3, 160);
        let mut seq: u16 = 0;
        b.iter(|| {
            // Pairs swapped: 1,0,3,2,...
            let s = seq ^ 1;
            jb.push(s, frame.clone());
            seq = seq.wrapping_add(1);
            black_box(jb.pop())
        })
    });
}

fn call_model(c: &mut Criterion) {
    let (leg, session) = match session(
        CallInfo::new(TransportKind::Audiosocket, 8000),
        CallLimits::default(),
    ) {
        Ok(p) => p,
        Err(e) => panic!("session: {e}"),
    };
    let frame = vec![1i16; 160];
    let mut buf = Vec::with_capacity(160);
    c.bench_function("call/play_and_pull_frame", |b| {
        b.iter(|| {
            let _ = session.play(black_box(&frame));
            black_box(leg.next_frame_into(&mut buf))
        })
    });
}

criterion_group!(benches, audiosocket, rtp, call_model);
criterion_main!(benches);
