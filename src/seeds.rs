//! The five real meeting reports in `seeds/`, embedded for tests, benches and the demo.

pub const SEEDS: [(&str, &str); 5] = [
    (
        "000_aeb186bd1e0d189c.txt",
        include_str!("../seeds/000_aeb186bd1e0d189c.txt"),
    ),
    (
        "001_4a8d6fc6b0ac799a.txt",
        include_str!("../seeds/001_4a8d6fc6b0ac799a.txt"),
    ),
    (
        "002_890bb6c2d9a226d6.txt",
        include_str!("../seeds/002_890bb6c2d9a226d6.txt"),
    ),
    (
        "003_b7cc8050b06c14b8.txt",
        include_str!("../seeds/003_b7cc8050b06c14b8.txt"),
    ),
    (
        "004_7fc5e4630ff442c7.txt",
        include_str!("../seeds/004_7fc5e4630ff442c7.txt"),
    ),
];

pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    SEEDS.iter().copied()
}
