#!/bin/sh
# Figures of recurring-phrase on every annotated set, one line each: findings, distinct
# phrases, genuine share, fragments (see eval/recurrence/README.md).
#   eval/tools/recurrence_sets.sh [RECURRENCE_EVAL_BINARY]
# The binary defaults to a fresh release build of examples/recurrence_eval.rs; pass another
# build's (for example one made from an older commit with CARGO_TARGET_DIR) to compare.
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet --example recurrence_eval
    bin=${CARGO_TARGET_DIR:-target}/release/examples/recurrence_eval
fi
figures() {
    name=$1
    shift
    "$bin" "$@" 2>&1 | awk -v name="$name" '
        /stories,/ { for (i = 1; i <= NF; i++) if ($(i + 1) == "findings") f = $i }
        /distinct phrases/ { sub(/.*distinct phrases /, ""); print name ": " f " findings, " $0 }'
}
r=eval/recurrence
figures evaluation eval/published/xwlb.jsonl $r/meetings.jsonl --only $r/stories.txt \
    --annotations $r/annotations.tsv
figures held-out-1 $r/heldout.jsonl --only $r/heldout.txt --annotations $r/heldout-annotations.tsv
n=2
while [ -f $r/heldout$n.jsonl ]; do
    figures held-out-$n $r/heldout$n.jsonl --only $r/heldout$n.txt \
        --annotations $r/heldout$n-annotations.tsv
    n=$((n + 1))
done
# Set 60 reads the national reports of eval/published/ (work reports, congress reports).
figures held-out-60 eval/published/reports.jsonl --only $r/heldout60.txt \
    --annotations $r/heldout60-annotations.tsv
figures published eval/published/xwlb.jsonl --annotations $r/published-annotations.tsv
