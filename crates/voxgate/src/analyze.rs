//! `voxgate analyze FILE`: post-call analysis of one recording, offline, without a server.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use voxgate_analysis::{AnalysisConfig, AnalysisResult, AnalyzeOptions, Control};

/// Arguments of `voxgate analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// Audio file (WAV, MP3, FLAC, Ogg Vorbis, M4A; 8-48 kHz).
    pub file: PathBuf,
    /// Print the result as JSON on standard output instead of a report.
    #[arg(long)]
    pub json: bool,
    /// Skip the summary.
    #[arg(long)]
    pub no_summary: bool,
    /// Do not use the language model (extractive summary, rule classification only).
    #[arg(long)]
    pub no_llm: bool,
    /// Also ask the language model for a category.
    #[arg(long)]
    pub llm_classify: bool,
    /// Skip classification.
    #[arg(long)]
    pub no_classify: bool,
    /// Skip the QA score.
    #[arg(long)]
    pub no_qa: bool,
    /// Include the unredacted transcript as well (it contains personal data).
    #[arg(long)]
    pub raw_transcript: bool,
    /// Taxonomy file (TOML) replacing the default helpline taxonomy.
    #[arg(long, value_name = "PATH")]
    pub taxonomy: Option<PathBuf>,
    /// Longest accepted audio, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 4 * 3600)]
    pub max_duration: u64,
    /// Threads of the speech recogniser's vocabulary projection.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

impl AnalyzeArgs {
    fn config(&self) -> AnalysisConfig {
        AnalysisConfig {
            llm_summary: !self.no_llm,
            llm_classify: self.llm_classify && !self.no_llm,
            taxonomy_file: self.taxonomy.clone(),
            max_duration_secs: self.max_duration,
            stt_threads: self.threads.max(1),
            ..AnalysisConfig::default()
        }
    }

    fn options(&self) -> AnalyzeOptions {
        AnalyzeOptions {
            include_raw: self.raw_transcript,
            summarize: !self.no_summary,
            classify: !self.no_classify,
            qa: !self.no_qa,
            llm: !self.no_llm,
            ..AnalyzeOptions::default()
        }
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} {msg:<11} [{bar:40}] {percent:>3}% {elapsed_precise}",
    )
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style);
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

/// Runs the analysis and prints the result; `Ok(false)` when the file was refused.
pub fn run(args: &AnalyzeArgs, models_dir: &Path) -> anyhow::Result<bool> {
    let config = args.config();
    config.validate()?;
    let pb = progress_bar(args.quiet);
    pb.set_message("loading");
    let llm = if args.no_llm {
        None
    } else {
        Some(
            voxgate_analysis::load_embedded_llm(models_dir)
                .context("loading the language model")?,
        )
    };
    let analyzer = Arc::new(
        voxgate_analysis::build_analyzer(models_dir, &config, llm).context("loading the models")?,
    );
    let runtime = tokio::runtime::Runtime::new()?;
    let file = args.file.clone();
    let options = args.options();
    let bar = pb.clone();
    let outcome = runtime.block_on(async move {
        tokio::task::spawn_blocking(move || {
            analyzer.analyze_file(&file, &options, &Control::default(), &mut |p| {
                bar.set_message(p.stage.as_str());
                bar.set_position((p.fraction * 1000.0) as u64);
            })
        })
        .await
    })?;
    pb.finish_and_clear();
    let result = match outcome {
        Ok(r) => r,
        Err(e) if e.is_input_error() => {
            eprintln!("error: {}: {e}", args.file.display());
            return Ok(false);
        }
        Err(e) => return Err(e).with_context(|| format!("analysing {}", args.file.display())),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print!("{}", report(&args.file, &result));
    }
    Ok(true)
}

fn clock(s: f32) -> String {
    let s = s.max(0.0);
    format!("{:02}:{:04.1}", (s / 60.0) as u32, s % 60.0)
}

/// The human-readable report.
pub fn report(file: &Path, r: &AnalysisResult) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let a = &r.audio;
    let _ = writeln!(
        o,
        "{}: {:.1} s, {} Hz, {}; speech {:.1} s",
        file.display(),
        a.duration_s,
        a.sample_rate,
        a.codec,
        a.speech_s
    );
    if let Some(c) = &r.classification {
        let _ = write!(
            o,
            "\nCategory:   {} (priority {:?}, confidence {:.2}, by {})",
            c.label, c.priority, c.confidence, c.method
        );
        if !c.secondary.is_empty() {
            let _ = write!(o, "; also {}", c.secondary.join(", "));
        }
        o.push('\n');
    }
    if let Some(s) = &r.summary {
        let _ = writeln!(o, "Summary ({}): {}", s.method, s.text);
    }
    if let Some(es) = &r.entities {
        let list: Vec<String> = es
            .iter()
            .map(|e| format!("{} x{} {}", e.entity_type, e.count, e.values.join(" ")))
            .collect();
        let _ = writeln!(
            o,
            "Entities:   {}",
            if list.is_empty() {
                "none".into()
            } else {
                list.join("; ")
            }
        );
    }
    if let Some(q) = &r.qa {
        let _ = writeln!(o, "\nQA score {:.2}", q.overall);
        for (name, c) in [
            ("opening", &q.opening),
            ("listening", &q.listening),
            ("proactive", &q.proactiveness),
            ("resolution", &q.resolution),
            ("hold", &q.hold),
            ("closing", &q.closing),
        ] {
            let ev = c
                .evidence
                .first()
                .map(|e| format!(" [{}] \"{}\"", clock(e.start_s), e.text))
                .unwrap_or_default();
            let _ = writeln!(o, "  {name:<11} {:.2}  {}{ev}", c.score, c.note);
        }
    }
    let t = &r.transcript;
    let _ = writeln!(
        o,
        "\nTranscript ({}, {} words):",
        if t.redacted {
            "redacted"
        } else {
            "NOT redacted"
        },
        t.words
    );
    for s in &t.segments {
        let _ = writeln!(o, "  [{}] {}", clock(s.start_s), s.text);
    }
    if let Some(raw) = &t.raw_segments {
        let _ = writeln!(o, "\nRaw transcript (contains personal data):");
        for s in raw {
            let _ = writeln!(o, "  [{}] {}", clock(s.start_s), s.text);
        }
    }
    let tm = &r.timings;
    let _ = writeln!(
        o,
        "\nTimings: total {} ms (decode {}, vad {}, stt {}, redact {}, classify {}, summary {}, qa {})",
        tm.total_ms, tm.decode_ms, tm.vad_ms, tm.stt_ms, tm.redact_ms, tm.classify_ms, tm.summary_ms, tm.qa_ms
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct T {
        #[command(flatten)]
        a: AnalyzeArgs,
    }

    #[test]
    fn flags_map_to_options_and_config() {
        let t = T::parse_from([
            "x",
            "call.wav",
            "--json",
            "--no-summary",
            "--no-llm",
            "--raw-transcript",
        ]);
        assert!(t.a.json);
        let o = t.a.options();
        assert!(!o.summarize && !o.llm && o.include_raw && o.classify && o.qa && o.redact);
        let c = t.a.config();
        assert!(!c.llm_summary && !c.llm_classify);
        let t = T::parse_from(["x", "call.wav", "--llm-classify", "--max-duration", "60"]);
        let c = t.a.config();
        assert!(c.llm_classify && c.llm_summary);
        assert_eq!(c.max_duration_secs, 60);
        assert!(T::try_parse_from(["x"]).is_err(), "the file is required");
    }

    #[test]
    fn clock_formats_minutes_and_seconds() {
        assert_eq!(clock(0.0), "00:00.0");
        assert_eq!(clock(75.25), "01:15.2");
    }
}
