//! TwiML for the voice webhook: `<Connect><Stream>` with custom parameters.

use std::fmt::Write as _;

/// Escapes text for use in an XML attribute value or element content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0 at all;
            // drop them rather than emit a document Twilio would reject.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `<Response><Connect><Stream url=".."><Parameter name=".." value=".."/>..</Stream></Connect></Response>`
/// for a bidirectional Media Stream, with an XML declaration.
pub fn connect_stream(stream_url: &str, parameters: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(160 + parameters.len() * 48);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url=""#);
    out.push_str(&xml_escape(stream_url));
    out.push_str("\">");
    for (name, value) in parameters {
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            r#"<Parameter name="{}" value="{}"/>"#,
            xml_escape(name),
            xml_escape(value)
        );
    }
    out.push_str("</Stream></Connect></Response>");
    out
}

/// `<Response><Reject reason="busy"/></Response>`: refuse a call without answering it (for
/// example when the server is at its concurrent-call limit).
pub fn reject_busy() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?><Response><Reject reason="busy"/></Response>"#
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_entities_and_drops_controls() {
        assert_eq!(
            xml_escape(r#"a&b<c>d"e'f"#),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f"
        );
        assert_eq!(xml_escape("x\u{1}y\tz"), "xy\tz");
    }

    #[test]
    fn connect_stream_is_exact() {
        let twiml = connect_stream(
            "wss://voice.example.com/twilio/stream",
            &[("profile", "sales & support"), ("token", "v1.1.a\"b")],
        );
        assert_eq!(
            twiml,
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                r#"<Response><Connect><Stream url="wss://voice.example.com/twilio/stream">"#,
                r#"<Parameter name="profile" value="sales &amp; support"/>"#,
                r#"<Parameter name="token" value="v1.1.a&quot;b"/>"#,
                r#"</Stream></Connect></Response>"#
            )
        );
    }
}
