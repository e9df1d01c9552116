//! The browser voice page, embedded so the server can serve it without files on disk.
//!
//! Serve each with its content type and a CSP such as
//! `default-src 'self'; connect-src 'self'; script-src 'self'; style-src 'self'`; the page uses
//! no inline script or style and loads nothing from elsewhere.

/// `index.html`.
pub const INDEX_HTML: &str = include_str!("../../assets/browser/index.html");
/// `app.js`: WebSocket, UI, jitter buffer control.
pub const APP_JS: &str = include_str!("../../assets/browser/app.js");
/// `worklet.js`: the AudioWorklet processors (16 kHz capture with a low-pass, playback).
pub const WORKLET_JS: &str = include_str!("../../assets/browser/worklet.js");
/// `style.css`.
pub const STYLE_CSS: &str = include_str!("../../assets/browser/style.css");

/// A Content-Security-Policy that fits the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// Looks up an asset by file name: `(body, content type)`.
pub fn get(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "" | "index.html" => Some((INDEX_HTML, "text/html; charset=utf-8")),
        "app.js" => Some((APP_JS, "text/javascript; charset=utf-8")),
        "worklet.js" => Some((WORKLET_JS, "text/javascript; charset=utf-8")),
        "style.css" => Some((STYLE_CSS, "text/css; charset=utf-8")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_csp_friendly() {
        assert!(!INDEX_HTML.contains("<script>"), "no inline script");
        assert!(!INDEX_HTML.contains("style="), "no inline style");
        assert!(!INDEX_HTML.contains("onclick"), "no inline handlers");
        for a in [INDEX_HTML, APP_JS, WORKLET_JS, STYLE_CSS] {
            assert!(
                !a.contains("http://") && !a.contains("https://"),
                "no external resource"
            );
        }
        assert!(INDEX_HTML.contains(r#"src="app.js""#));
        assert!(APP_JS.contains("echoCancellation: true"));
        assert_eq!(
            get("worklet.js").map(|a| a.1),
            Some("text/javascript; charset=utf-8")
        );
        assert!(get("../secret").is_none());
    }
}
