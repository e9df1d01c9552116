//! Prints the RBAC permission matrix as Markdown.
//!
//! `cargo run -p voxgate-security --example rbac_matrix > docs/rbac.md`

fn main() {
    print!("{}", voxgate_security::rbac::matrix_markdown());
}
