fn main() {
    policy_lsp::tune_malloc();
    std::process::exit(policy_lsp::cli::main());
}
