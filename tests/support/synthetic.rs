//! Shared by tests, benches and examples (`#[path]`-included), never shipped in the library.
//! A deterministic generator of large, realistic-looking catalogs (Chinese-rich descriptions, keys
//! built like the SDK's), for benchmarks and the scale test. The same size and seed always give the
//! same catalog.

use std::fmt::Write;

use trtc_errors::catalog::{CatalogEntry, Category, Family};

/// A small, fast, deterministic PRNG (xorshift64*); quality is beside the point here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const KEY_WORDS: &[&str] = &[
    "SIGNAL",
    "CHANNEL",
    "ROOM",
    "JOIN",
    "LEAVE",
    "PUBLISH",
    "SUBSCRIBE",
    "STREAM",
    "DEVICE",
    "CAMERA",
    "MICROPHONE",
    "NETWORK",
    "UPLINK",
    "DOWNLINK",
    "RECONNECTION",
    "TRANSCODE",
    "MIX",
    "CDN",
    "AUTH",
    "TOKEN",
    "USER",
    "SIG",
    "SCHEDULE",
    "SERVER",
    "CLIENT",
    "AUDIO",
    "VIDEO",
    "SCREEN",
    "SHARE",
    "RELAY",
];
const KEY_ENDINGS: &[&str] = &[
    "FAILED",
    "TIMEOUT",
    "ERROR",
    "DENIED",
    "INVALID",
    "ABORTED",
    "NOT_FOUND",
    "EXPIRED",
];
const ZH_WORDS: &[&str] = &[
    "进房",
    "失败",
    "信令",
    "通道",
    "建立",
    "断开",
    "重连",
    "超时",
    "签名",
    "过期",
    "校验",
    "用户",
    "房间",
    "推流",
    "拉流",
    "设备",
    "摄像头",
    "麦克风",
    "网络",
    "异常",
    "权限",
    "不足",
    "参数",
    "非法",
    "服务器",
    "内部",
    "错误",
    "请重试",
    "票据",
    "帐号",
    "黑名单",
    "限制",
    "转码",
    "混流",
    "调度",
    "分配",
    "浏览器",
    "不支持",
    "自动播放",
    "被拦截",
    "远端流",
    "订阅",
    "发布",
    "切换",
    "角色",
    "密钥",
    "公钥",
    "长度",
];
const EN_WORDS: &[&str] = &[
    "failed",
    "to",
    "join",
    "the",
    "room",
    "signal",
    "channel",
    "timed",
    "out",
    "user",
    "signature",
    "expired",
    "device",
    "not",
    "found",
    "network",
    "error",
    "server",
    "internal",
    "retry",
    "stream",
    "publish",
    "subscribe",
    "permission",
    "denied",
    "invalid",
    "parameter",
    "browser",
    "autoplay",
];

fn sentence(rng: &mut Rng, words: &[&str], count: usize, separator: &str) -> String {
    (0..count)
        .map(|_| rng.pick(words))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `count` entries; every tenth is an account code, the rest SDK codes, all codes distinct.
pub fn entries(count: usize, seed: u64) -> Vec<CatalogEntry> {
    let mut rng = Rng(seed | 1);
    (0..count)
        .map(|i| {
            let account = i % 10 == 9;
            let category = if account {
                Category::Account
            } else {
                Category::Sdk
            };
            let code = 0x10_0000 + i as i64;
            let key = (!account).then(|| {
                format!(
                    "{}_{}_{}",
                    rng.pick(KEY_WORDS),
                    rng.pick(KEY_WORDS),
                    rng.pick(KEY_ENDINGS)
                )
            });
            let zh_words = 4 + (rng.next() % 8) as usize;
            let en_words = 5 + (rng.next() % 8) as usize;
            CatalogEntry {
                family: Family::Web4,
                category,
                code,
                display: CatalogEntry::display_code(Family::Web4, category, code),
                key,
                aliases: Vec::new(),
                renamed: Vec::new(),
                type_label: account.then(|| "帐号系统".to_string()),
                description_zh: format!(
                    "{}，{}",
                    sentence(&mut rng, ZH_WORDS, zh_words, ""),
                    sentence(&mut rng, ZH_WORDS, 3, "")
                ),
                description_en: Some(sentence(&mut rng, EN_WORDS, en_words, " ")),
                source: "synthetic".to_string(),
                origin: "synthetic".to_string(),
                ..CatalogEntry::default()
            }
        })
        .collect()
}

/// The same entries as catalog TOML, for whole-process benchmarks (`--catalog big.toml`).
pub fn catalog_toml(count: usize, seed: u64) -> String {
    let mut out = String::with_capacity(count * 200);
    for e in entries(count, seed) {
        let _ = writeln!(
            out,
            "[[entry]]\ncategory = \"{}\"\ncode = {}",
            e.category, e.code
        );
        if let Some(key) = &e.key {
            let _ = writeln!(out, "key = \"{key}\"");
        }
        if let Some(t) = &e.type_label {
            let _ = writeln!(out, "type = \"{t}\"");
        }
        let _ = writeln!(out, "description_zh = \"{}\"", e.description_zh);
        if let Some(en) = &e.description_en {
            let _ = writeln!(out, "description_en = \"{en}\"");
        }
        let _ = writeln!(out, "source = \"synthetic\"\n");
    }
    out
}

/// The same entries as fzf input: one line per entry with the searchable text.
pub fn lines(count: usize, seed: u64) -> String {
    let mut out = String::with_capacity(count * 120);
    for e in entries(count, seed) {
        let _ = writeln!(
            out,
            "{} {} {} {}",
            e.display,
            e.title(),
            e.description_zh,
            e.description_en.as_deref().unwrap_or("")
        );
    }
    out
}
