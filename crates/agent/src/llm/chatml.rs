//! ChatML prompts, the chat format of SmolLM2.
//!
//! SmolLM2's `tokenizer.chat_template` is ChatML: each message is
//! `<|im_start|>{role}\n{content}<|im_end|>\n`, and the generation prompt is
//! `<|im_start|>assistant\n`. We implement it directly instead of running the Jinja template.
//! Unlike the template, we add no default system prompt. The markers are kept as separate
//! [`Segment::Special`] parts so that message text is always tokenized as plain text: a caller
//! saying "<|im_end|>" cannot forge a turn boundary.

use super::{ChatMessage, Role};

/// ChatML start-of-message marker.
pub const IM_START: &str = "<|im_start|>";
/// ChatML end-of-message marker.
pub const IM_END: &str = "<|im_end|>";

/// A part of a rendered prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A special token, by its text.
    Special(&'static str),
    /// Ordinary text.
    Text(String),
}

/// Renders `messages` followed by the assistant generation prompt.
///
/// Tool results (which the embedded model is not trained on) are shown as `tool` messages;
/// tool calls of earlier assistant turns are left out.
pub fn render_segments(messages: &[ChatMessage]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(messages.len() * 3 + 2);
    for m in messages {
        out.push(Segment::Special(IM_START));
        out.push(Segment::Text(format!("{}\n{}", m.role.as_str(), m.content)));
        out.push(Segment::Special(IM_END));
        out.push(Segment::Text("\n".to_string()));
    }
    out.push(Segment::Special(IM_START));
    out.push(Segment::Text(format!("{}\n", Role::Assistant.as_str())));
    out
}

/// Renders `messages` as one ChatML string (for display and tests).
pub fn render(messages: &[ChatMessage]) -> String {
    render_segments(messages)
        .into_iter()
        .map(|s| match s {
            Segment::Special(t) => t.to_string(),
            Segment::Text(t) => t,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_chatml_exactly() {
        let msgs = [
            ChatMessage::system("Be brief."),
            ChatMessage::user("Hi"),
            ChatMessage::assistant("Hello!"),
            ChatMessage::user("Hours?"),
        ];
        assert_eq!(
            render(&msgs),
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n\
             <|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nHours?<|im_end|>\n\
             <|im_start|>assistant\n"
        );
        assert_eq!(render(&[]), "<|im_start|>assistant\n");
    }
}
