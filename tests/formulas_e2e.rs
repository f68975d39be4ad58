//! The formula inventory over LSP: code lenses on a report's formula families and the
//! `policy-lsp.formulas` command.

mod common;

use common::{covered, Client};
use serde_json::json;

const SEED_004: &str = include_str!("../seeds/004_7fc5e4630ff442c7.txt");

#[test]
fn code_lenses_and_the_inventory_command_list_formula_families() {
    let mut c = Client::spawn();
    let init = c.initialize(&["utf-16"], serde_json::Value::Null);
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"][0],
        "policy-lsp.formulas"
    );
    let uri = "file:///tmp/seed004.txt";
    c.open(uri, SEED_004, 1);
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let lenses = lenses.as_array().expect("lenses");
    let lens = lenses
        .iter()
        .find(|l| l["command"]["title"] == "「坚决打赢疫情防控攻坚战」×4")
        .unwrap_or_else(|| panic!("{lenses:?}"));
    assert_eq!(
        covered(SEED_004, &lens["range"], "utf-16"),
        "坚决打赢疫情防控攻坚战"
    );
    assert!(lenses
        .iter()
        .any(|l| l["command"]["title"] == "「动态清零」×8（规范表述）"));
    let inv = c.request(
        "workspace/executeCommand",
        json!({"command": "policy-lsp.formulas", "arguments": [uri]}),
    );
    let list = inv["formulas"].as_array().expect("formulas");
    let f = list
        .iter()
        .find(|f| f["name"] == "坚决打赢疫情防控攻坚战")
        .expect("family");
    // Four whole occurrences; the cut 坚决打赢疫情防控 of the fifth place is not a form of it.
    assert_eq!(f["count"], 4);
    assert_eq!(f["fixed"], false);
    assert_eq!(f["ranges"].as_array().unwrap().len(), 4);
    assert_eq!(f["variants"][0]["text"], "坚决打赢疫情防控攻坚战");
    // A document that is not open is a clear error, not a crash.
    let err = c.request_raw(
        "workspace/executeCommand",
        json!({"command": "policy-lsp.formulas", "arguments": ["file:///nope.txt"]}),
    );
    assert!(err.get("error").is_some(), "{err}");
    assert_eq!(c.shutdown_and_exit(), 0);
}
