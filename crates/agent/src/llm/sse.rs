//! An incremental parser for server-sent events (the `text/event-stream` format of the HTML
//! standard), as used by streaming chat completions.
//!
//! Bytes are fed as they arrive, in chunks of any size: lines end with LF, CR or CRLF (even when
//! the CR and LF arrive in different chunks), a blank line dispatches the event, `data` lines are
//! joined with `\n`, lines starting with `:` are comments, and one space after the colon is
//! dropped. Text is decoded only once a line is complete, so split UTF-8 sequences are fine.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The `event` field, if any.
    pub event: Option<String>,
    /// The joined `data` lines.
    pub data: String,
    /// The `id` field, if any.
    pub id: Option<String>,
}

/// Incremental SSE parser.
#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    after_cr: bool,
    event: Option<String>,
    data: Vec<String>,
    id: Option<String>,
    has_data: bool,
}

impl SseParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds bytes, returning the events completed by them.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        let mut out = Vec::new();
        for &b in bytes {
            if self.after_cr {
                self.after_cr = false;
                if b == b'\n' {
                    continue;
                }
            }
            match b {
                b'\n' => self.end_line(&mut out),
                b'\r' => {
                    self.after_cr = true;
                    self.end_line(&mut out);
                }
                _ => self.line.push(b),
            }
        }
        out
    }

    fn end_line(&mut self, out: &mut Vec<SseEvent>) {
        let line = String::from_utf8_lossy(&std::mem::take(&mut self.line)).into_owned();
        if line.is_empty() {
            if self.has_data {
                out.push(SseEvent {
                    event: self.event.take(),
                    data: std::mem::take(&mut self.data).join("\n"),
                    id: self.id.clone(),
                });
            }
            self.event = None;
            self.data.clear();
            self.has_data = false;
            return;
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line.as_str(), ""),
        };
        match field {
            "data" => {
                self.data.push(value.to_string());
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_string()),
            "id" => self.id = Some(value.to_string()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_bytewise(input: &[u8]) -> Vec<SseEvent> {
        let mut p = SseParser::new();
        input
            .iter()
            .flat_map(|b| p.feed(std::slice::from_ref(b)))
            .collect()
    }

    #[test]
    fn parses_openai_chunks_in_any_split() {
        let input =
            "data: {\"a\":1}\n\n: keep-alive\n\ndata: {\"b\":\"é\"}\r\n\r\ndata: [DONE]\n\n";
        let whole = SseParser::new().feed(input.as_bytes());
        let datas: Vec<&str> = whole.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(datas, ["{\"a\":1}", "{\"b\":\"é\"}", "[DONE]"]);
        assert_eq!(feed_bytewise(input.as_bytes()), whole);
    }

    #[test]
    fn joins_data_lines_and_reads_fields() {
        let input = b"event: delta\rid: 7\rdata:x\rdata:  y\r\rdata\n\n";
        let ev = feed_bytewise(input);
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].event.as_deref(), Some("delta"));
        assert_eq!(ev[0].id.as_deref(), Some("7"));
        assert_eq!(ev[0].data, "x\n y");
        assert_eq!(ev[1].data, "");
        // An unterminated event is not dispatched.
        assert!(SseParser::new().feed(b"data: partial\n").is_empty());
    }
}
