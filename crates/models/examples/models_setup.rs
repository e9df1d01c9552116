//! Runs the model setup outside the CLI:
//! `cargo run -p voxgate-models --example models_setup -- MODELS_DIR [WHEEL_CACHE] [--force] [--verify]`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let force = args.iter().any(|a| a == "--force");
    let verify = args.iter().any(|a| a == "--verify");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(dir) = positional.first() else {
        eprintln!("usage: models_setup MODELS_DIR [WHEEL_CACHE] [--force] [--verify]");
        return ExitCode::from(2);
    };
    let mut options = voxgate_models::SetupOptions::new(PathBuf::from(dir));
    if let Some(cache) = positional.get(1) {
        options.wheel_cache = PathBuf::from(cache);
    }
    options.force = force;
    let started = Instant::now();
    match voxgate_models::setup(&options) {
        Ok(report) => println!("{report:?} in {:.2} s", started.elapsed().as_secs_f64()),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if verify {
        let started = Instant::now();
        if let Err(e) = voxgate_models::ModelPaths::resolve(dir.as_str()).verify() {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        println!("verified in {:.2} s", started.elapsed().as_secs_f64());
    }
    ExitCode::SUCCESS
}
