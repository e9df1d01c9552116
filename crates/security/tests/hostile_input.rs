//! Every parser that sees attacker-controlled input returns a typed error instead of panicking,
//! and the scrubber never lets a planted secret through.

use proptest::prelude::*;
use voxgate_security::apikey::ApiKey;
use voxgate_security::audit::{self, AuditKey};
use voxgate_security::crypto::{self, DataClass, DataKey, WrappedKey};
use voxgate_security::jwt::{JwtConfig, JwtKey, JwtService};
use voxgate_security::net::{ClientIpResolver, IpAllowlist};
use voxgate_security::scrub::scrub;
use voxgate_security::signature::WebhookVerifier;
use voxgate_security::totp::{Totp, TotpSecret};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(s in ".{0,120}", bytes in proptest::collection::vec(any::<u8>(), 0..120)) {
        let _ = ApiKey::parse(&s);
        let _ = WrappedKey::from_bytes(&bytes);
        let _ = crypto::open(&DataKey::generate(), "c", DataClass::Pii, &bytes);
        let _ = crypto::normalize_phone(&s);
        let _ = TotpSecret::from_base32(&s);
        let _ = IpAllowlist::parse(&[s.as_str()]);
        let r = ClientIpResolver::new(IpAllowlist::any());
        let _ = r.resolve("10.0.0.1".parse().unwrap(), &[s.as_str()]);
        let v = WebhookVerifier::new(&[b"0123456789abcdef0123"]).unwrap();
        prop_assert!(v.verify(&s, &bytes, 1_700_000_000).is_err());
        let t = Totp::new(TotpSecret::generate());
        let _ = t.verify(&s, 1_700_000_000, None);
        let _ = scrub(&s);
        let _ = voxgate_security::headers::CorsPolicy::new(&[s.as_str()], true);
        let _ = voxgate_security::headers::CorsPolicy::new(&["https://a.example"], true)
            .unwrap()
            .allow_origin(&s);
        let _ = voxgate_security::crypto::MasterKey::parse("k", &s);
    }

    #[test]
    fn jwt_garbage_is_rejected(header in ".{0,60}", claims in ".{0,60}", sig in "[A-Za-z0-9_-]{0,50}") {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let svc = JwtService::new(JwtConfig::new("i", "a"), &JwtKey::new("k", &[1; 32]).unwrap(), &[]).unwrap();
        let token = format!("{}.{}.{sig}", b64.encode(&header), b64.encode(&claims));
        prop_assert!(svc.verify(&token).is_err());
    }

    #[test]
    fn planted_secrets_never_survive(
        prefix in "[a-zA-Z0-9 .,:=/_-]{0,40}",
        suffix in "[a-zA-Z0-9 .,:=/_-]{0,40}",
        secret in "[A-Za-z0-9]{12,30}",
        form in 0usize..6,
    ) {
        let planted = match form {
            0 => format!("password={secret}"),
            1 => format!(r#"{{"api_key":"{secret}"}}"#),
            2 => format!("Authorization: Bearer {secret}"),
            3 => format!("https://user:{secret}@host/x"),
            4 => format!("/cb?access_token={secret}&x=1"),
            _ => format!(r#"client_secret="{secret}""#),
        };
        let line = format!("{prefix} {planted} {suffix}");
        let out = scrub(&line);
        prop_assert!(!out.contains(secret.as_str()), "{} -> {}", line, out);
    }

    #[test]
    fn random_bytes_never_verify_as_audit_chain(seq in 1u64..1000, mac in any::<[u8; 32]>()) {
        let key = AuditKey::from_bytes(&[9; 32]).unwrap();
        let mut e = audit::chain_next(None, audit::AuditEvent::new(0, "x", "a", "r", "v", audit::AuditResult::Success), &key);
        e.seq = seq;
        e.mac = mac;
        prop_assert!(!audit::verify([&e], &key, None).is_ok());
    }
}
