//! `X-Twilio-Signature` computation and validation.
//!
//! Twilio signs each request with base64(HMAC-SHA1(auth token, URL + for form POSTs every
//! parameter name followed by its value, names sorted)). The URL is the full public URL Twilio
//! called, so it is rebuilt from the configured public base URL, never from the `Host` header.
//! Twilio's own validators accept the URL both with and without an explicit default port
//! (`:443`), because proxies disagree on whether it is kept; we do the same.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

use super::Secret;

/// Name of the HTTP header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// Why a request was refused. The server answers 403 and logs a security line with this
/// reason; it creates no call state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureRejection {
    /// The `X-Twilio-Signature` header is absent or empty.
    #[error("missing X-Twilio-Signature header")]
    Missing,
    /// The header is not valid base64 of a 20-byte HMAC-SHA1.
    #[error("malformed X-Twilio-Signature header")]
    Malformed,
    /// The signature does not match the request.
    #[error("X-Twilio-Signature does not match")]
    Mismatch,
}

/// Computes the signature Twilio would send for `url` and the POSTed form `params`.
///
/// Parameters are sorted by name (then by value, so repeated names are stable) and concatenated
/// as name followed by value, after the URL. For a GET or a WebSocket upgrade pass no params:
/// the query string is part of `url`.
pub fn compute_signature<K, V>(auth_token: &Secret, url: &str, params: &[(K, V)]) -> String
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    base64::engine::general_purpose::STANDARD.encode(mac_bytes(auth_token, url, params))
}

fn mac_bytes<K, V>(auth_token: &Secret, url: &str, params: &[(K, V)]) -> [u8; 20]
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    sorted.sort_unstable();
    // HMAC accepts keys of any length, so this cannot fail; fall back to an empty-key MAC
    // rather than panic, which would then never match a real signature.
    let mut mac = match Hmac::<Sha1>::new_from_slice(auth_token.expose().as_bytes()) {
        Ok(m) => m,
        Err(_) => return [0; 20],
    };
    mac.update(url.as_bytes());
    for (k, v) in sorted {
        mac.update(k.as_bytes());
        mac.update(v.as_bytes());
    }
    mac.finalize().into_bytes().into()
}

/// Checks `signature` (the header value, if any) against `url` and `params` in constant time.
///
/// `url` variants with and without the scheme's default port are both tried.
///
/// # Errors
/// A [`SignatureRejection`] saying why the request must be refused.
pub fn validate_signature<K, V>(
    auth_token: &Secret,
    signature: Option<&str>,
    url: &str,
    params: &[(K, V)],
) -> Result<(), SignatureRejection>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let sig = signature
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(SignatureRejection::Missing)?;
    let given = base64::engine::general_purpose::STANDARD
        .decode(sig)
        .map_err(|_| SignatureRejection::Malformed)?;
    if given.len() != 20 {
        return Err(SignatureRejection::Malformed);
    }
    let mut ok = subtle::Choice::from(0u8);
    for candidate in url_variants(url) {
        let expected = mac_bytes(auth_token, &candidate, params);
        ok |= expected.ct_eq(given.as_slice());
    }
    if bool::from(ok) {
        Ok(())
    } else {
        Err(SignatureRejection::Mismatch)
    }
}

/// The URL as given plus the same URL with its default port spelled out and left out.
fn url_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_owned()];
    let Ok(parsed) = url::Url::parse(url) else {
        return out;
    };
    // A non-default port is part of what Twilio signed: no variants then.
    if parsed.port().is_some() {
        return out;
    }
    let (Some(host), Some(port)) = (parsed.host_str(), parsed.port_or_known_default()) else {
        return out;
    };
    // `Url` drops a default port when parsing, so its serialisation is the "without" variant;
    // the "with" variant is spliced in after the host.
    let without = parsed.as_str().to_owned();
    let prefix = format!("{}://{}", parsed.scheme(), host);
    if let Some(rest) = without.strip_prefix(&prefix) {
        out.push(format!("{prefix}:{port}{rest}"));
    }
    out.push(without);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Twilio's documented example (webhooks security page): auth token 12345, this URL and
    // these POST params; the published signature, re-computed independently with Python:
    //   base64.b64encode(hmac.new(b"12345", (url + "".join(k+v for k,v in sorted(p.items()))).encode(), hashlib.sha1).digest())
    const DOC_URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const DOC_PARAMS: &[(&str, &str)] = &[
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ];
    const DOC_SIG: &str = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    fn token() -> Secret {
        Secret::new("12345")
    }

    #[test]
    fn documented_example_matches() {
        assert_eq!(compute_signature(&token(), DOC_URL, DOC_PARAMS), DOC_SIG);
        assert_eq!(
            validate_signature(&token(), Some(DOC_SIG), DOC_URL, DOC_PARAMS),
            Ok(())
        );
    }

    #[test]
    fn param_order_does_not_matter() {
        let mut rev = DOC_PARAMS.to_vec();
        rev.reverse();
        assert_eq!(compute_signature(&token(), DOC_URL, &rev), DOC_SIG);
    }

    #[test]
    fn any_change_is_refused() {
        let mut tampered = DOC_PARAMS.to_vec();
        tampered[2] = ("Digits", "1235");
        assert_eq!(
            validate_signature(&token(), Some(DOC_SIG), DOC_URL, &tampered),
            Err(SignatureRejection::Mismatch)
        );
        assert_eq!(
            validate_signature(
                &token(),
                Some(DOC_SIG),
                "https://mycompany.com/myapp.php?foo=1&bar=3",
                DOC_PARAMS
            ),
            Err(SignatureRejection::Mismatch)
        );
        assert_eq!(
            validate_signature(&Secret::new("12346"), Some(DOC_SIG), DOC_URL, DOC_PARAMS),
            Err(SignatureRejection::Mismatch)
        );
    }

    #[test]
    fn missing_and_malformed_headers() {
        let none: &[(&str, &str)] = &[];
        assert_eq!(
            validate_signature(&token(), None, DOC_URL, none),
            Err(SignatureRejection::Missing)
        );
        assert_eq!(
            validate_signature(&token(), Some("  "), DOC_URL, none),
            Err(SignatureRejection::Missing)
        );
        assert_eq!(
            validate_signature(&token(), Some("not base64!"), DOC_URL, none),
            Err(SignatureRejection::Malformed)
        );
        assert_eq!(
            validate_signature(&token(), Some("AAAA"), DOC_URL, none),
            Err(SignatureRejection::Malformed)
        );
    }

    #[test]
    fn default_port_variants_are_accepted() {
        let with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        let sig_with = compute_signature(&token(), with_port, DOC_PARAMS);
        // Twilio signed with the port, we rebuilt the URL without it, and the other way round.
        assert_eq!(
            validate_signature(&token(), Some(&sig_with), DOC_URL, DOC_PARAMS),
            Ok(())
        );
        assert_eq!(
            validate_signature(&token(), Some(DOC_SIG), with_port, DOC_PARAMS),
            Ok(())
        );
        // A non-default port is part of the URL and must match exactly.
        let other = "https://mycompany.com:8443/myapp.php?foo=1&bar=2";
        assert_eq!(
            validate_signature(&token(), Some(DOC_SIG), other, DOC_PARAMS),
            Err(SignatureRejection::Mismatch)
        );
    }

    #[test]
    fn websocket_upgrade_known_answer() {
        // GET/upgrade: no body params, query is in the URL. Expected value from Python:
        //   hmac.new(b"12345", b"wss://voice.example.com/twilio/stream", hashlib.sha1)
        let none: &[(&str, &str)] = &[];
        let url = "wss://voice.example.com/twilio/stream";
        assert_eq!(
            compute_signature(&token(), url, none),
            "t/8qbLNvETeS9S8Jhtt2tU1aQPg="
        );
    }
}
