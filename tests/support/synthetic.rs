//! Shared by tests, benches and examples (`#[path]`-included), never shipped in the library.
//! A deterministic generator of large, realistic-looking catalogs (Chinese-rich descriptions, keys
//! built like the SDK's), for benchmarks and the scale test. The same size and seed always give the
//! same catalog.

use std::fmt::Write;

use trtc_errors::catalog::{
    CatalogEntry, Category, CodeRef, Family, Localized, VersionRange, WrittenVersion,
};

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

const API_NAMES: &[&str] = &[
    "TRTC.enterRoom()",
    "TRTC.exitRoom()",
    "TRTC.startLocalVideo()",
    "TRTC.startLocalAudio()",
    "TRTC.startScreenShare()",
    "TRTC.switchRole()",
    "Client.join()",
    "Client.publish()",
    "Client.subscribe()",
    "LocalStream.initialize()",
];
const ADVICE_ZH: &[&str] = &[
    "检查",
    "网络连接",
    "防火墙",
    "是否放通",
    "重新生成",
    "UserSig",
    "确认",
    "SDKAppID",
    "与密钥匹配",
    "稍后重试",
    "升级到最新版本",
    "提示用户",
    "授权",
    "更换设备",
    "联系技术支持",
];

/// `count` entries; every tenth is an account code, the rest SDK codes, all codes distinct. Every
/// field a real entry fills is filled (advice, what raises it, APIs, keywords, related codes, a
/// source), so sizes and load times are those of a real team catalog: about 650 bytes of TOML each.
pub fn entries(count: usize, seed: u64) -> Vec<CatalogEntry> {
    let mut rng = Rng(seed | 1);
    // The rich fields come from a second generator, so the original fields stay as they were.
    let mut extra = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
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
            let description_zh = format!(
                "{}，{}",
                sentence(&mut rng, ZH_WORDS, zh_words, ""),
                sentence(&mut rng, ZH_WORDS, 3, "")
            );
            let description_en = sentence(&mut rng, EN_WORDS, en_words, " ");
            let r = &mut extra;
            let api = r.pick(API_NAMES);
            let advice_words = 2 + (r.next() % 2) as usize;
            let related = (0..1 + r.next() % 2)
                .map(|_| {
                    let other = 0x10_0000 + (r.next() % count as u64) as i64;
                    let category = if (other - 0x10_0000) % 10 == 9 {
                        Category::Account
                    } else {
                        Category::Sdk
                    };
                    let display = CatalogEntry::display_code(Family::Web4, category, other);
                    CodeRef::parse(Family::Web4, &display).expect("a display form is a code")
                })
                .collect();
            CatalogEntry {
                family: Family::Web4,
                category,
                code,
                aliases: match (&key, r.next() % 4) {
                    (Some(k), 0) => vec![format!("{k}_V2")],
                    _ => Vec::new(),
                },
                key,
                renamed: Vec::new(),
                type_label: account.then(|| "帐号系统".to_string()),
                description: Localized {
                    zh: description_zh,
                    en: Some(description_en),
                },
                advice: Localized {
                    zh: Some(format!("{}。", sentence(r, ADVICE_ZH, advice_words, ""))),
                    en: Some(format!(
                        "Check the {} and {}.",
                        sentence(r, EN_WORDS, 2, " "),
                        sentence(r, EN_WORDS, 2, " ")
                    )),
                },
                since: Some(WrittenVersion::new(format!(
                    "4.{}.{}",
                    8 + r.next() % 8,
                    r.next() % 20
                ))),
                raised_when: Localized {
                    zh: vec![format!("{}。", sentence(r, ZH_WORDS, 3, ""))],
                    en: vec![format!("When {}.", sentence(r, EN_WORDS, 4, " "))],
                },
                raised_in: Some(VersionRange::new(format!("4.{}.0–", 8 + r.next() % 8))),
                apis: vec![api.to_string()],
                keywords: vec![
                    r.pick(EN_WORDS).to_string(),
                    format!("{}{}", r.pick(ZH_WORDS), r.pick(ZH_WORDS)),
                ],
                related,
                // Most real entries have no page of their own.
                doc_url: (i % 4 == 0)
                    .then(|| "https://cloud.tencent.com/document/product/647/34342".to_string()),
                source: format!("trtc-js-sdk@4.{}.0 ErrorCode map", 8 + r.next() % 8),
                origin: "synthetic".to_string(),
                ..CatalogEntry::default()
            }
        })
        .collect()
}

/// A TOML basic string: the generator's text has no quotes or backslashes to escape.
fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", items.join(", "))
}

/// The same entries as catalog TOML, for whole-process benchmarks (`--catalog big.toml`).
pub fn catalog_toml(count: usize, seed: u64) -> String {
    let mut out = String::with_capacity(count * 640);
    for e in entries(count, seed) {
        let _ = writeln!(
            out,
            "[[entry]]\ncategory = \"{}\"\ncode = {}",
            e.category, e.code
        );
        let since = e.since.as_ref().map(|v| v.to_string());
        let raised_in = e.raised_in.as_ref().map(|v| v.to_string());
        let related: Vec<String> = e.related.iter().map(|r| r.to_string()).collect();
        let optional = [
            ("key", &e.key),
            ("type", &e.type_label),
            ("description_en", &e.description.en),
            ("advice_zh", &e.advice.zh),
            ("advice_en", &e.advice.en),
            ("since", &since),
            ("raised_in", &raised_in),
            ("doc_url", &e.doc_url),
        ];
        let _ = writeln!(out, "description_zh = {}", quoted(&e.description.zh));
        for (name, value) in optional {
            if let Some(value) = value {
                let _ = writeln!(out, "{name} = {}", quoted(value));
            }
        }
        let lists = [
            ("aliases", &e.aliases),
            ("raised_when_zh", &e.raised_when.zh),
            ("raised_when_en", &e.raised_when.en),
            ("apis", &e.apis),
            ("keywords", &e.keywords),
            ("related", &related),
        ];
        for (name, values) in lists {
            if !values.is_empty() {
                let _ = writeln!(out, "{name} = {}", list(values));
            }
        }
        let _ = writeln!(out, "source = {}\n", quoted(&e.source));
    }
    out
}

/// The same entries as fzf input: one line per entry with everything the search looks at (code,
/// names, both descriptions, keywords, advice, what raises it, the APIs).
pub fn lines(count: usize, seed: u64) -> String {
    let mut out = String::with_capacity(count * 480);
    for e in entries(count, seed) {
        let display = e.display();
        let fields = [display.as_str(), e.title(), &e.description.zh]
            .into_iter()
            .chain(e.aliases.iter().map(String::as_str))
            .chain(e.description.en.as_deref())
            .chain(e.keywords.iter().map(String::as_str))
            .chain(e.advice.zh.as_deref())
            .chain(e.advice.en.as_deref())
            .chain(e.raised_when.en.iter().map(String::as_str))
            .chain(e.apis.iter().map(String::as_str));
        let line: Vec<&str> = fields.collect();
        let _ = writeln!(out, "{}", line.join(" "));
    }
    out
}
