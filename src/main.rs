fn main() {
    std::process::exit(policy_lsp::cli::main());
}
