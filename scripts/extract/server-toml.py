# Generates assets/server.toml (the server family) from docs/sources/server-codes.toml, the one
# research file for the TRTC servers' own result codes. Run from anywhere:
#   python3 scripts/extract/server-toml.py
# Only `kind = "server"` codes become entries (native-generic and reported codes stay in the
# research file, with the reason). The research file's [code.web4|web5|native] sections become
# typed `carried` rows; `existing_rows` become `members` (the per-SDK rows shown as one group).
# Where the research file says `todo` for Chinese meaning or advice, the texts below are our own
# words (the catalog's Chinese for the account rows is the seed page's, quoted verbatim, so it is
# not reused); advice is taken from the group's own catalog rows where those wrote advice of ours.
import os, re, tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
RESEARCH = ROOT + '/docs/sources/server-codes.toml'
OUT = ROOT + '/assets/server.toml'

# meaning_zh for the account codes the research file leaves `todo` (our own words).
ZH = {
    70002: "userSig 为空（长度为 0）。",
    70003: "userSig 校验失败：内容可能被截断（例如缓冲区太小）。",
    70004: "userSig 校验失败：内容可能被截断（例如缓冲区太小）。",
    70005: "userSig 校验失败。",
    70006: "userSig 校验失败。",
    70007: "userSig 校验失败。",
    70008: "userSig 校验失败。",
    70009: "用应用的公钥校验 userSig 失败：签名所用私钥与 sdkAppId 不对应。",
    70010: "userSig 校验失败。",
    70013: "userSig 中的 userId 与请求中的 userId 不一致。",
    70014: "userSig 中的 sdkAppId 与请求中的 sdkAppId 不一致。",
    70015: "该 sdkAppId 和帐号类型没有配置校验方式。",
    70016: "取到的公钥长度为 0。",
    70017: "校验第三方票据时内部超时。",
    70018: "第三方票据的内部校验失败。",
    70019: "通过 HTTPS 校验的票据字段为空。",
    70020: "找不到该 sdkAppId。",
    70050: "失败次数过多，暂时受限。",
    70051: "该帐号已被拉入黑名单。",
    70052: "userSig 已失效。",
    70101: "请求包为空。",
    70102: "请求包中的帐号类型错误。",
    70103: "手机号格式不正确。",
    70104: "邮箱格式不正确。",
    70105: "TLS 帐号格式不正确。",
    70106: "帐号格式类型不合法。",
    70107: "该 userId 没有注册。",
    70113: "批量数量不合法。",
    70114: "出于安全原因被限制。",
    70115: "该 uin 不是此 sdkAppId 的开发者 uin。",
    70140: "sdkAppId 与帐号类型（acctype）不匹配。",
    70145: "帐号类型错误。",
    70169: "服务端内部错误。",
    70201: "服务端内部错误。",
    70202: "服务端内部错误。",
    70203: "服务端内部错误。",
    70204: "该 sdkAppId 没有对应的帐号类型（acctype）。",
    70205: "查询帐号类型（acctype）失败。",
    70206: "请求中的批量数量不合法。",
    70207: "服务端内部错误。",
    70208: "服务端内部错误。",
    70209: "获取开发者 uin 标志失败。",
    70210: "请求中的 uin 不是开发者 uin。",
    70211: "请求中的 uin 无效。",
    70212: "服务端内部错误。",
    70213: "读取内部数据失败。",
    70214: "内部票据校验失败。",
    70221: "登录状态已失效。",
    70222: "服务端内部错误。",
    70225: "服务端内部错误。",
    70231: "服务端内部错误。",
    70236: "用户签名校验失败。",
    70252: "sdkAppId 填写错误。",
    70308: "服务端内部错误。",
    70346: "票据校验失败。",
    70347: "票据已过期，校验失败。",
    70348: "服务端内部错误。",
    70362: "服务端内部超时。",
    70398: "创建的帐号数超过了预付费购买的数量。",
    70401: "服务端内部错误。",
    70402: "参数不合法：必填字段缺失或字段不符合协议要求。",
    70403: "调用方不是 App 管理员，无权执行该操作。",
    70500: "服务端内部错误。",
}

# Advice (en, zh) for codes whose catalog rows have none of our own, by what the code is about.
ADVICE = {
    'sig': ("Generate a new userSig on your server with the SDKAppID's current secret key, for the same userId used to join, and pass it unmodified; the console's UserSig tool checks one.",
            "在业务服务端用该 SDKAppID 当前的密钥、为进房使用的同一个 userId 重新生成 userSig，原样传入；可用控制台的 UserSig 工具校验。"),
    'app': ("Use the SDKAppID shown for the application in the TRTC console, and sign the userSig with that application's key.",
            "使用 TRTC 控制台中该应用的 SDKAppID，并用该应用的密钥签发 userSig。"),
    'retry': ("Retry after a moment; if it keeps failing, contact Tencent Cloud support with the SDKAppID, userId and the time.",
              "稍等后重试；持续失败时带上 SDKAppID、userId 和发生时间联系腾讯云技术支持。"),
    'request': ("The account request itself is malformed: check the identifiers you pass (userId, account type) and update the SDK; if the SDK builds the request, report it with the SDK log.",
                "帐号请求本身不合法：检查传入的标识（userId、帐号类型），并升级 SDK；若请求由 SDK 组装，带上 SDK 日志反馈。"),
    'wait': ("Wait a minute before trying again, and check the userSig before retrying so the limit is not hit again.",
             "等待一分钟后再试，重试前先确认 userSig 正确，避免再次触发限制。"),
    'key': ("Check in the console that the application's key is set up; after changing it, wait about ten minutes before signing again.",
            "在控制台确认应用的密钥已配置；修改后约等十分钟再重新签名。"),
}
ADVICE_OF = {
    70015: 'app', 70016: 'key', 70019: 'sig', 70050: 'wait', 70101: 'request', 70102: 'request',
    70103: 'request', 70104: 'request', 70105: 'request', 70106: 'request', 70107: 'sig',
    70113: 'request', 70115: 'app', 70140: 'app', 70145: 'request', 70204: 'app', 70205: 'retry',
    70206: 'request', 70207: 'retry', 70208: 'retry', 70209: 'retry', 70210: 'app', 70211: 'request',
    70214: 'sig', 70222: 'retry', 70236: 'sig', 70401: 'retry', 70402: 'request', 70403: 'app',
}

# The type label the web4 account rows already use (帐号系统); the room-entry codes say theirs.
TYPE_OF_GROUP = {'account': '帐号系统'}


def q(s):
    """A TOML basic string."""
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def load_rows():
    rows = {}
    for family, path in [('web4', 'assets/catalog.toml'), ('web5', 'assets/web5.toml'),
                         ('native', 'assets/native.toml')]:
        for e in tomllib.load(open(ROOT + '/' + path, 'rb'))['entry']:
            f = e.get('family', 'web4')
            code = e['code']
            display = f'0x{code:04X}' if f == 'web4' and e['category'] == 'sdk' and code >= 0 else str(code)
            rows[f'{f}:{display}'] = e
    return rows


def carrier(family, section):
    """The typed carried row for one [code.FAMILY] section: via, read, sign from its `how`."""
    how = section['how']
    via, read, sign = None, None, 'same'
    if family == 'web4':
        m = re.match(r'(0x[0-9A-F]{4}) ', how)
        if not m:
            raise SystemExit(f'web4 how names no public code: {how}')
        via, read = m.group(1), 'getExtraCode()'
    elif family == 'web5':
        if how.startswith('5400'):
            via, read = '5400', 'extraCode'
        elif 'SIGNAL_CHANNEL_SETUP_FAILED' in how or how.startswith('as -8'):
            via = '5500'  # converted without extraCode: the code is lost
        else:
            raise SystemExit(f'web5 how not understood: {how}')
    else:
        read = 'errCode'
        if 'negated' in how:
            sign = 'negated'
    out = ['', '[[entry.carried]]', f'family = "{family}"']
    if via:
        out.append(f'via = "{via}"')
    if read:
        out.append(f'read = "{read}"')
    out.append(f'sign = "{sign}"')
    out += [f'versions = {q(section["versions"])}', f'how = {q(how)}',
            f'source = {q(section["source"])}']
    return out


def family_rule(c, family, data):
    """For an account code without a record of its own for `family`: the research file's
    [[family]] rule for the 70001…70500 range, which the bundles establish for the whole range
    (the native SDK negates every SSO code, trtc_code.js; 5.x converts the channel set-up refusal
    to 5500 without extraCode, trtc-sdk-v5@5.17.1 convertFrom). Other families get nothing."""
    code = c['code']
    if not (70001 <= code <= 70500) or family == 'web4':
        return None
    rule = next(f for f in data['family'] if f['range'].startswith('70001'))
    if family == 'native':
        how = f'onError errCode -{code} (account codes negated; the range rule, no key of its own in the d.ts)'
        versions = '13.3.801 (trtc_code.js)'
    else:
        how = ('as -8: 5500 OPERATION_FAILED without extraCode if the refusal comes at channel set-up '
               '(the range rule: ' + rule['web5'] + ')')
        versions = '5.17.1 (read)'
    return {'how': how, 'versions': versions, 'source': rule['source'] + ' (the 70001…70500 rule)'}


def main():
    data = tomllib.load(open(RESEARCH, 'rb'))
    rows = load_rows()
    out = ['# Generated by scripts/extract/server-toml.py from docs/sources/server-codes.toml; do not edit.',
           '# The TRTC servers\' own result codes, in the server\'s sign, with how each SDK carries them.',
           '']
    for c in sorted((c for c in data['code'] if c['kind'] == 'server'), key=lambda c: c['code']):
        code = c['code']
        members = c.get('existing_rows', [])
        zh = c.get('meaning_zh') or ZH[code]
        advice_en, advice_zh = c.get('advice_en'), c.get('advice_zh')
        if not advice_en:
            own = [rows[r] for r in members if r in rows and rows[r].get('advice_en')]
            if own:
                advice_en, advice_zh = own[0]['advice_en'], own[0]['advice_zh']
            else:
                advice_en, advice_zh = ADVICE[ADVICE_OF[code]]
        lines = ['[[entry]]', 'family = "server"', 'category = "result"', f'code = {code}']
        group = c.get('group', '')
        if group.split(' ')[0] in TYPE_OF_GROUP:
            lines.append(f'type = {q(TYPE_OF_GROUP[group.split(" ")[0]])}')
        lines += [f'description_zh = {q(zh)}', f'description_en = {q(c["meaning_en"])}',
                  f'advice_zh = {q(advice_zh)}', f'advice_en = {q(advice_en)}']
        # The group's words, and the words its per-SDK rows already answer to (ours, not quoted).
        keywords = [group] if group else []
        for r in members:
            for k in rows.get(r, {}).get('keywords', []):
                if k not in keywords:
                    keywords.append(k)
        lines.append('keywords = [' + ', '.join(q(k) for k in keywords) + ']')
        if c.get('docs'):
            lines.append(f'doc_url = {q(c["docs"][0])}')
        if members:
            lines.append('members = [' + ', '.join(q(m) for m in members) + ']')
        sources = '; '.join(c['docs']) if c.get('docs') else 'see carried'
        lines.append(f'source = {q("docs/sources/server-codes.toml (" + c["status"] + "); meaning from " + sources)}')
        for family in ['web4', 'web5', 'native']:
            section = c.get(family) or family_rule(c, family, data)
            if section:
                lines += carrier(family, section)
        out += lines + ['']
    open(OUT, 'w', encoding='utf-8').write('\n'.join(out))
    print(f'{OUT}: {sum(1 for c in data["code"] if c["kind"] == "server")} entries')


main()
