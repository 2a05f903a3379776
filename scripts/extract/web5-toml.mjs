#!/usr/bin/env node
// Writes assets/web5.toml and tests/fixtures/sdk/web5/migration-from-4x.json from
// tests/fixtures/sdk/web5/extract.json (made by scripts/extract/web5.mjs) plus the hand-written
// texts below (our own words). Facts that come from the bundle (keys, versions, templates, apis)
// are taken from extract.json, never typed here.
//
//   node scripts/extract/web5-toml.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fx = path.join(repo, 'tests/fixtures/sdk/web5');
const X = JSON.parse(fs.readFileSync(path.join(fx, 'extract.json'), 'utf8'));
const DOC = 'https://web.sdk.qcloud.com/trtc/webrtc/v5/doc/en/module-ERROR_CODE.html';
const NEWEST = X.newest;

// value → texts. dz/de description, az/ae advice, rz/re raised_when (same length), kw keywords.
const T = {
  5000: { dz: '调用接口时传入的参数不符合接口要求', de: 'An argument passed to an SDK method does not meet the method\'s requirements.',
    az: '看 extraCode 和 message：message 会写出哪个参数、期望什么、实际收到什么，按它改参数。', ae: 'Read extraCode and the message: it names the parameter, what was expected and what was received; fix that argument.',
    kw: ['invalid parameter', 'INVALID_PARAMETER', '参数错误', '参数不合法'] },
  5100: { dz: '调用接口时不满足该接口的前提条件', de: 'The method was called while its preconditions were not met.',
    az: '看 extraCode：常见的是未进房就调用、远端用户或流不存在、重复调用；调整调用时机。', ae: 'Read extraCode: usually not in the room yet, a remote user or stream that does not exist, or a repeated call; change when you call it.',
    kw: ['invalid operation', 'INVALID_OPERATION', '操作无效', '调用顺序'] },
  5200: { dz: '当前浏览器或环境不支持所调用的能力', de: 'The current browser or environment does not support the capability that was called.',
    az: '先用 TRTC.isSupported() 检测能力；页面需通过 HTTPS 或 localhost 访问；引导用户换用支持的浏览器。', ae: 'Check capabilities with TRTC.isSupported() first; serve the page over HTTPS (or localhost); point the user to a supported browser.',
    kw: ['not supported', 'ENV_NOT_SUPPORTED', '浏览器不支持', 'https'] },
  5300: { dz: '获取设备或采集音视频时出错', de: 'Getting a device or capturing audio/video failed.',
    az: '看 extraCode（5301–5309）区分没有设备、未授权、被占用等；进房前做设备检测。', ae: 'Use extraCode (5301–5309) to tell a missing device, refused permission, a busy device and so on apart; test devices before joining.',
    kw: ['device error', 'DEVICE_ERROR', 'getUserMedia', '设备异常', '摄像头', '麦克风'] },
  5400: { dz: '服务端返回了错误', de: 'The server returned an error.',
    az: 'extraCode 是服务端结果码：按该码排查（userSig 过期或错误、sdkAppId 不对、账号欠费、服务未开通等）。', ae: 'extraCode is the server\'s result code: look that code up (expired or wrong userSig, wrong sdkAppId, account out of credit, service not enabled, …).',
    kw: ['server error', 'SERVER_ERROR', 'userSig', '进房失败', '服务端错误'],
    xz: '服务端返回的结果码（由内部错误的 extraCode 原样带出，如进房失败时服务端的结果码）。', xe: 'The server\'s result code, carried over from the internal error\'s extraCode (for example the server result of a failed join).' },
  5500: { dz: '满足调用条件，但 SDK 多次重试后仍失败', de: 'The call met its requirements but still failed after the SDK\'s retries.',
    az: '多为网络或浏览器问题：检查防火墙和代理是否放行所需域名和端口；看 extraCode 和 message 里的原因。', ae: 'Usually the network or the browser: check that firewalls and proxies let the required domains and ports through; read the reason in extraCode and the message.',
    kw: ['operation failed', 'OPERATION_FAILED', '操作失败', '防火墙', 'network'] },
  5998: { dz: '接口执行被中止', de: 'The method was aborted.',
    az: '通常是重复调用或调用已失去意义（如未进房就退房）；可以捕获后忽略，或在业务逻辑里避免这类调用。', ae: 'Usually a repeated or pointless call (leaving a room you never joined, for example); catch and ignore it, or avoid such calls.',
    kw: ['abort', 'OPERATION_ABORT', '中止', '重复调用'] },
  5999: { dz: '未知错误', de: 'Unknown error.',
    az: '看 message 和 originError 中的原始错误；能复现时附上 SDK 日志联系技术支持。', ae: 'Read the original error in message and originError; if it reproduces, contact support with the SDK log.',
    kw: ['unknown error', 'UNKNOWN_ERROR', '未知错误'] },
  [-100013]: { dz: '腾讯云账号欠费（服务端结果码，SDK 字典中有对应文案）', de: 'The Tencent Cloud account is out of credit (a server result code the SDK\'s dictionary has a message for).',
    az: '到控制台为账号充值后再进房。', ae: 'Top up the account in the console, then join again.',
    kw: ['out of credit', 'ACCOUNT_NO_MONEY', '欠费', '余额不足'],
    rz: ['5.2.0–5.8.3：服务端以 -100013 拒绝进房时，5400 错误的 message 取这条文案；之后版本的 5400 一律用 SERVER_ERROR 文案。'],
    re: ['5.2.0–5.8.3: when the server refuses a join with -100013, the 5400 error\'s message uses this text; later versions always use the SERVER_ERROR text for 5400.'] },
  5001: { dz: '未传必填参数', de: 'A required parameter was not passed.', az: '补上 message 里点名的参数。', ae: 'Pass the parameter the message names.',
    rz: ['接口参数校验：规则标为必填的参数为 undefined。'], re: ['Parameter validation: a parameter whose rule is required is undefined.'], kw: ['required param', '必填参数', 'missing parameter'] },
  5002: { dz: '参数类型不对', de: 'A parameter has the wrong type.', az: '按 message 中的期望类型传值，例如 sdkAppId 用数字、userId 用字符串。', ae: 'Pass the type the message asks for, e.g. sdkAppId as a number and userId as a string.',
    rz: ['接口参数校验：值的类型不在规则允许的类型中。'], re: ['Parameter validation: the value\'s type is not one the rule allows.'], kw: ['must be type of', '参数类型'] },
  5003: { dz: '参数为空值', de: 'A parameter is empty.', az: '不要传空字符串、0 或 NaN。', ae: 'Do not pass an empty string, 0 or NaN.',
    rz: ['接口参数校验：规则不允许空值，而值为空串（去空格后）、0 或 NaN。'], re: ['Parameter validation: the rule disallows empty values and the value is a blank string, 0 or NaN.'], kw: ['cannot be empty', '参数为空', 'userSig empty'] },
  5004: { dz: '参数不是要求的实例类型', de: 'A parameter is not an instance of the required class.', az: '传入正确的对象，例如 MediaStreamTrack、HTMLElement 或插件类本身。', ae: 'Pass the right kind of object, e.g. a MediaStreamTrack, an HTMLElement or the plugin class itself.',
    rz: ['接口参数校验：值不是规则要求的类的实例。'], re: ['Parameter validation: the value is not an instance of the class the rule requires.'], kw: ['instanceof', 'MediaStreamTrack', '实例类型'] },
  5005: { dz: '参数取值不在允许范围内', de: 'A parameter\'s value is not one of the allowed values.', az: '从 message 列出的取值中选一个。', ae: 'Use one of the values the message lists.',
    rz: ['接口参数校验：值不在规则的 values 列表中。'], re: ['Parameter validation: the value is not in the rule\'s list of values.'], kw: ['must be one of', '取值范围'] },
  5006: { dz: '参数不能小于 0', de: 'A parameter must not be less than 0.', az: '传入大于等于 0 的数。', ae: 'Pass a number of 0 or more.',
    rz: ['接口参数校验：规则要求不小于 0，而数值小于 0。'], re: ['Parameter validation: the rule requires at least 0 and the number is negative.'], kw: ['less than 0', '小于0'] },
  5007: { dz: '参数小于最小值', de: 'A parameter is below its minimum.', az: '按 message 中的最小值调整。', ae: 'Raise it to at least the minimum the message gives.',
    rz: ['接口参数校验：数值小于规则的 min。'], re: ['Parameter validation: the number is below the rule\'s min.'], kw: ['min value', '最小值'] },
  5008: { dz: '参数大于最大值', de: 'A parameter is above its maximum.', az: '按 message 中的最大值调整。', ae: 'Lower it to at most the maximum the message gives.',
    rz: ['接口参数校验：数值大于规则的 max。'], re: ['Parameter validation: the number is above the rule\'s max.'], kw: ['max value', '最大值'] },
  5009: { dz: '页面上找不到传入 id 对应的元素', de: 'No element with the given id was found in the page.', az: '确认 view 传入的 id 在调用时已存在于 DOM 中（例如框架渲染完成后再调用）。', ae: 'Make sure the element id passed as view is in the DOM when you call (e.g. after your framework has rendered it).',
    rz: ['view 传字符串时，document.getElementById 找不到该元素。'], re: ['view is a string and document.getElementById finds no such element.'], kw: ['view', 'elementId', 'getElementById', '找不到元素'] },
  5010: { dz: '传入 id 对应的元素不是 HTMLElement', de: 'The element for the given id is not an HTMLElement.', az: 'view 传 HTMLElement 或其 id。', ae: 'Pass an HTMLElement or its id as view.',
    rz: ['5.2.0：view 的 id 找到的对象不是 HTMLElement。'], re: ['5.2.0: the object found for the view id is not an HTMLElement.'], kw: ['HTMLElement', 'view'] },
  5011: { dz: 'streamId 格式不合规范', de: 'The streamId does not follow the required format.', az: '只用大小写字母、数字、连字符和下划线。', ae: 'Use only letters, digits, hyphens and underscores.', kw: ['streamId', '流 ID'] },
  5012: { dz: 'strRoomId 不是合法的字符串', de: 'strRoomId is not a valid string.', az: 'strRoomId 为 1–64 个字符，只能用字母、数字、空格及 !#$%&()+-:;<=.>?@[]^_{}|~, 这些符号。注意：官方文档把 5012 写成 roomId 超出范围，与 SDK 相反，以 SDK 为准。', ae: 'strRoomId must be 1–64 characters of letters, digits, spaces and !#$%&()+-:;<=.>?@[]^_{}|~, only. Note: the official docs describe 5012 as roomId out of range; the SDK does the opposite, and this entry follows the SDK.',
    rz: ['enterRoom()/switchRoom()：strRoomId 不匹配 SDK 的字符集与长度（1–64）正则。'], re: ['enterRoom()/switchRoom(): strRoomId fails the SDK\'s character-set and length (1–64) check.'], kw: ['strRoomId', '字符串房间号', 'INVALID_ROOM_ID_STRING'] },
  5013: { dz: 'roomId 不是 [1, 4294967294] 范围内的整数', de: 'roomId is not an integer in [1, 4294967294].', az: 'roomId 用 1 到 4294967294 的整数；需要字符串房间号时改用 strRoomId。注意：官方文档把 5013 写成 strRoomId 非法，与 SDK 相反，以 SDK 为准。', ae: 'Use an integer from 1 to 4294967294 for roomId, or strRoomId for string room ids. Note: the official docs describe 5013 as an invalid strRoomId; the SDK does the opposite, and this entry follows the SDK.',
    rz: ['enterRoom()/switchRoom()：roomId 不是正整数或不小于 4294967295。'], re: ['enterRoom()/switchRoom(): roomId is not a positive integer or is 4294967295 or more.'], kw: ['roomId', '房间号', 'INVALID_ROOM_ID_INTEGER', '4294967294'] },
  5014: { dz: 'userId 不是 \'*\' 时必须传 streamType', de: 'streamType is required when userId is not \'*\'.', az: '传入 streamType（main 或 sub），或用 userId: \'*\' 停止全部。', ae: 'Pass streamType (main or sub), or use userId: \'*\' to stop all.',
    rz: ['stopRemoteVideo()：userId 不是 \'*\' 且未传 streamType。'], re: ['stopRemoteVideo(): userId is not \'*\' and streamType is missing.'], kw: ['streamType', 'stopRemoteVideo'] },
  5015: { dz: 'roomId 和 strRoomId 都没有传', de: 'Neither roomId nor strRoomId was passed.', az: '二者必须传一个。', ae: 'Pass one of the two.',
    rz: ['enterRoom()/switchRoom()：roomId 为假值且 strRoomId 为空。'], re: ['enterRoom()/switchRoom(): roomId is falsy and strRoomId is empty.'], kw: ['roomId', 'strRoomId', '房间号必填'] },
  5016: { dz: 'roomId 传了字符串', de: 'roomId was passed as a string.', az: '用 parseInt 转成数字，或改用 strRoomId。', ae: 'Convert it with parseInt, or use strRoomId.',
    rz: ['enterRoom()：roomId 是字符串。'], re: ['enterRoom(): roomId is a string.'], kw: ['roomId string', 'parseInt', 'strRoomId'] },
  5017: { dz: 'ArrayBuffer 长度为 0', de: 'The ArrayBuffer is empty.', az: '发送非空的数据。', ae: 'Send a non-empty buffer.',
    rz: ['sendSEIMessage()/sendCustomMessage()：数据的 byteLength 为 0。'], re: ['sendSEIMessage()/sendCustomMessage(): the data\'s byteLength is 0.'], kw: ['ArrayBuffer', 'SEI', 'sendCustomMessage'] },
  5018: { dz: 'ArrayBuffer 超过 1000 字节', de: 'The ArrayBuffer is larger than 1000 bytes.', az: '把数据控制在 1000 字节以内，必要时拆分发送。', ae: 'Keep the data within 1000 bytes; split it if needed.',
    rz: ['sendSEIMessage()/sendCustomMessage()：byteLength 大于 1000。'], re: ['sendSEIMessage()/sendCustomMessage(): byteLength is over 1000.'], kw: ['1000 Bytes', 'SEI', '数据过大'] },
  5019: { dz: '目标房间号类型与当前房间不一致', de: 'The target room id type does not match the current room\'s.', az: '当前用 roomId 进房就继续用 roomId 切换，用 strRoomId 进房就用 strRoomId。', ae: 'Switch with the same kind of id you joined with: roomId with roomId, strRoomId with strRoomId.',
    rz: ['switchRoom()：当前房间用 strRoomId 却传 roomId，或反之。'], re: ['switchRoom(): the current room uses strRoomId but roomId was passed, or the other way round.'], kw: ['switchRoom', 'roomId type'] },
  5020: { dz: '目标房间与当前房间相同', de: 'The target room is the current room.', az: '切换到另一个房间号。', ae: 'Switch to a different room id.',
    rz: ['switchRoom()：目标房间号等于当前房间号。'], re: ['switchRoom(): the target room id equals the current one.'], kw: ['switchRoom', 'same room'] },
  5101: { dz: '未进房就调用了需进房后才能调用的接口', de: 'A method that needs a joined room was called before joining.', az: '等 enterRoom() 成功后再调用。', ae: 'Call it after enterRoom() has resolved.',
    rz: ['需要已进房的接口在未进房时被调用。'], re: ['A method that needs the room was called while not joined.'], kw: ['not enter room', '未进房', 'enterRoom'] },
  5102: { dz: '远端用户不存在或没有推流', de: 'The remote user does not exist or is not publishing.', az: '在收到 REMOTE_VIDEO_AVAILABLE 等事件后再拉该用户的流，并核对 userId。', ae: 'Start the remote stream after REMOTE_VIDEO_AVAILABLE (or the like) for that user, and check the userId.',
    rz: ['startRemoteVideo()/updateRemoteVideo()：userId 不在已推流用户中。'], re: ['startRemoteVideo()/updateRemoteVideo(): the userId is not among publishing users.'], kw: ['remote user', 'userId', '远端用户不存在'] },
  5103: { dz: '远端用户没有推对应类型的流', de: 'The remote user is not publishing that stream type.', az: '核对 streamType：主路视频用 main，屏幕分享用 sub。', ae: 'Check streamType: main for the camera stream, sub for screen sharing.',
    rz: ['startRemoteVideo()/updateRemoteVideo()：请求的 main/sub 流当前不可用。'], re: ['startRemoteVideo()/updateRemoteVideo(): the requested main/sub stream is not available.'], kw: ['streamType', 'sub', '屏幕分享'] },
  5104: { dz: '重复调用接口', de: 'The method was called again while already done or in progress.', az: '避免重复进房；需要换房间用 switchRoom() 或先 exitRoom()。', ae: 'Do not join twice; use switchRoom() or exitRoom() first to change rooms.',
    rz: ['enterRoom()：已在房间内。'], re: ['enterRoom(): already in a room.'], kw: ['repeated call', '重复进房', 'enterRoom'] },
  5105: { dz: '需要先打开摄像头', de: 'The camera must be on first.', az: '先调用 startLocalVideo()。', ae: 'Call startLocalVideo() first.', kw: ['camera is not turned on', '摄像头未开启'] },
  5106: { dz: '需要先打开麦克风（或带音频的屏幕分享）', de: 'The microphone (or screen sharing with audio) must be on first.', az: '先调用 startLocalAudio()，再启动依赖音频的插件。', ae: 'Call startLocalAudio() before starting plugins that need audio.',
    rz: ['启动 AI 降噪插件（AIDenoiser，5.5.2 起）时本地没有麦克风音频轨；5.11.1 起启动音频处理插件（AudioProcessor）时既没有麦克风音频轨也没有屏幕分享音频轨。实时转写插件不抛出此码（trtc-sdk-v5@5.17.1）。'],
    re: ['Starting the AI denoiser plugin (AIDenoiser, from 5.5.2) with no local microphone track; from 5.11.1 also starting the audio processing plugin (AudioProcessor) with neither a microphone nor a screen-share audio track. The realtime transcriber plugin does not raise it (trtc-sdk-v5@5.17.1).'], kw: ['microphone is not turned on', 'startPlugin', '麦克风未开启'] },
  5107: { dz: '观众角色不能调用该接口', de: 'The audience role cannot call this method.', az: '先 switchRole(\'anchor\') 或用 rtc 场景。', ae: 'switchRole(\'anchor\') first, or use the rtc scene.',
    rz: ['sendCustomMessage()：live 场景下当前角色为 audience。'], re: ['sendCustomMessage(): the room is in the live scene and the role is audience.'], kw: ['audience', '观众', 'sendCustomMessage'] },
  5108: { dz: '未开启 SEI', de: 'SEI was not enabled.', az: '在 TRTC.create({ enableSEI: true }) 时开启。', ae: 'Enable it with TRTC.create({ enableSEI: true }).',
    rz: ['sendSEIMessage()：创建实例时未开启 enableSEI。'], re: ['sendSEIMessage(): the instance was created without enableSEI.'], kw: ['enableSEI', 'SEI'] },
  5109: { dz: '需要先推流', de: 'The stream must be published first.', az: '先推对应的流（主路或辅路）再发送 SEI。', ae: 'Publish the matching stream (main or sub) before sending SEI.',
    rz: ['sendSEIMessage()：对应的主路或辅路流尚未推流。'], re: ['sendSEIMessage(): the main or sub stream it targets is not published.'], kw: ['publish', 'SEI', 'toSubStream'] },
  5201: { dz: 'HTTP 页面无法采集设备', de: 'A page served over HTTP cannot capture devices.', az: '用 HTTPS（或 localhost）部署页面。', ae: 'Serve the page over HTTPS (or from localhost).',
    rz: ['startLocalVideo()/startLocalAudio()/startScreenShare()：页面以 http: 提供、主机不是 localhost/127.0.0.1（file: 页面除外），且未传自定义轨道。'], re: ['startLocalVideo()/startLocalAudio()/startScreenShare(): the page is served over http: from a host other than localhost/127.0.0.1 (file: pages pass), and no custom track was passed.'], kw: ['http', 'https', 'secure context', '安全上下文'] },
  5202: { dz: '浏览器不支持 WebRTC', de: 'The browser does not support WebRTC.', az: '引导用户换用支持 WebRTC 的浏览器。', ae: 'Point the user to a browser with WebRTC.', kw: ['WebRTC', '不支持'] },
  5203: { dz: '浏览器不支持 H.264 编码', de: 'The browser cannot encode H.264.', az: '换用支持 H.264 编码的浏览器。', ae: 'Use a browser that can encode H.264.',
    rz: ['内部 NOT_SUPPORTED_H264 错误且消息提到 H264 编码。'], re: ['An internal NOT_SUPPORTED_H264 error whose message mentions H264 encoding.'], kw: ['H264', 'encode', '编码'] },
  5204: { dz: '浏览器不支持 H.264 解码', de: 'The browser cannot decode H.264.', az: '换用支持 H.264 解码的浏览器。', ae: 'Use a browser that can decode H.264.',
    rz: ['内部 NOT_SUPPORTED_H264 错误且消息未提到 H264 编码。'], re: ['An internal NOT_SUPPORTED_H264 error whose message does not mention encoding.'], kw: ['H264', 'decode', '解码'] },
  5205: { dz: '浏览器不支持屏幕分享', de: 'The browser does not support screen sharing.', az: '换用支持 getDisplayMedia 的桌面浏览器。', ae: 'Use a desktop browser with getDisplayMedia.',
    rz: ['startScreenShare()：浏览器不支持屏幕采集且未传自定义轨道。'], re: ['startScreenShare(): the browser cannot capture the screen and no custom track was passed.'], kw: ['screen share', 'getDisplayMedia', '屏幕分享'] },
  5206: { dz: '浏览器不支持小流', de: 'The browser does not support the small video stream.', az: '不开启小流或换用支持的浏览器。', ae: 'Leave the small stream off, or use a browser that supports it.', kw: ['small stream', '小流'] },
  5207: { dz: '浏览器不支持 SEI', de: 'The browser does not support SEI.', az: '换用支持的浏览器（见 SDK 文档）。', ae: 'Use a browser that supports it (see the SDK docs).',
    rz: ['sendSEIMessage()：浏览器不支持 SEI。'], re: ['sendSEIMessage(): the browser cannot send SEI.'], kw: ['SEI', 'sendSEIMessage'] },
  5208: { dz: '浏览器不支持 WebGL', de: 'The browser does not support WebGL.', az: '开启硬件加速或换用支持 WebGL 的浏览器。', ae: 'Enable hardware acceleration or use a browser with WebGL.', kw: ['WebGL', '硬件加速'] },
  5209: { dz: '浏览器版本过低', de: 'The browser version is too old.', az: '升级浏览器到最新版本。', ae: 'Update the browser.', kw: ['browser version', 'Chrome version', '浏览器版本'] },
  5210: { dz: '浏览器不支持该插件', de: 'The browser does not support the plugin.', az: '换用插件支持的浏览器，或不启用该插件。', ae: 'Use a browser the plugin supports, or do without the plugin.',
    rz: ['startPlugin()、updatePlugin() 或 stopPlugin()：插件的 isSupported() 返回 false（三个接口经过同一个检查，5.8.3 起）。'], re: ['startPlugin(), updatePlugin() or stopPlugin(): the plugin\'s isSupported() returns false (all three go through the same check, from 5.8.3).'], kw: ['plugin', 'startPlugin', 'updatePlugin', 'stopPlugin', 'is not supported', '插件不支持'] },
  5301: { dz: '找不到设备（NotFoundError）', de: 'No device found (NotFoundError).', az: '让用户接入摄像头或麦克风，并确认传入的设备 ID 存在。', ae: 'Ask the user to connect a camera or microphone, and check that the device id exists.',
    rz: ['采集时浏览器抛出 NotFoundError（较新版本）。早期 5.x（如 5.2.0）在设备列表为空时改抛内部 DEVICE_NOT_FOUND，转换为 5300、不带 extraCode。'], re: ['The browser raised NotFoundError during capture (newer versions). Early 5.x (5.2.0, for one) threw the internal DEVICE_NOT_FOUND instead when the device list was empty, which converts to 5300 with no extraCode.'], kw: ['NotFoundError', '找不到设备', 'no camera'] },
  5302: { dz: '无权限访问设备（NotAllowedError）', de: 'Access to the device was refused (NotAllowedError).', az: '引导用户在浏览器和系统设置中允许访问；若 error.handler 存在（系统层拒绝时），调用它可打开系统隐私设置。', ae: 'Ask the user to allow access in the browser and in the OS; when error.handler exists (the OS refused), calling it opens the system privacy settings.',
    rz: ['采集时浏览器抛出 NotAllowedError。'], re: ['The browser raised NotAllowedError during capture.'], kw: ['NotAllowedError', 'Permission denied', '权限', '授权'] },
  5303: { dz: '设备被占用或无法读取（NotReadableError）', de: 'The device is busy or unreadable (NotReadableError).', az: '关闭占用设备的其他程序或标签页后重试。', ae: 'Close other programs or tabs using the device and retry.',
    rz: ['采集时浏览器抛出 NotReadableError。'], re: ['The browser raised NotReadableError during capture.'], kw: ['NotReadableError', 'device in use', '设备被占用'] },
  5304: { dz: '设备参数无法满足（OverconstrainedError）', de: 'The device constraints cannot be met (OverconstrainedError).', az: '核对 cameraId/microphoneId 是否来自当前设备列表。', ae: 'Check that cameraId/microphoneId come from the current device list.',
    rz: ['采集时浏览器抛出 OverconstrainedError。'], re: ['The browser raised OverconstrainedError during capture.'], kw: ['OverconstrainedError', 'cameraId', 'deviceId'] },
  5305: { dz: '页面状态不允许采集（InvalidStateError）', de: 'The page state does not allow capture (InvalidStateError).', az: '在用户点击等交互之后再开启采集。', ae: 'Start capture after a user interaction such as a click.',
    rz: ['采集时浏览器抛出 InvalidStateError。'], re: ['The browser raised InvalidStateError during capture.'], kw: ['InvalidStateError', '用户交互'] },
  5306: { dz: '安全策略禁止使用设备（SecurityError）', de: 'A security policy forbids using the device (SecurityError).', az: '检查系统或浏览器的安全策略（如 Permissions-Policy、企业策略），并在用户交互后再采集。', ae: 'Check OS or browser security policies (Permissions-Policy, enterprise policy) and capture after a user interaction.',
    rz: ['采集时浏览器抛出 SecurityError。'], re: ['The browser raised SecurityError during capture.'], kw: ['SecurityError', 'Permissions-Policy', '安全策略'] },
  5307: { dz: '设备因未知原因不可用（AbortError）', de: 'The device is unusable for an unknown reason (AbortError).', az: '换一个设备或浏览器后重试。', ae: 'Retry with another device or browser.',
    rz: ['采集时浏览器抛出 AbortError。'], re: ['The browser raised AbortError during capture.'], kw: ['AbortError', '设备异常'] },
  5308: { dz: '摄像头自动恢复采集失败', de: 'Automatic recovery of camera capture failed.', az: '提示用户检查摄像头后重新调用 startLocalVideo()/updateLocalVideo()。', ae: 'Ask the user to check the camera, then call startLocalVideo()/updateLocalVideo() again.',
    rz: ['本地视频采集中断后 SDK 重新采集失败，通过 ERROR 事件抛出。'], re: ['After local video capture broke, the SDK\'s recapture failed; emitted on the ERROR event.'], kw: ['camera recover', '摄像头恢复失败', 'device-auto-recovered'] },
  5309: { dz: '麦克风自动恢复采集失败', de: 'Automatic recovery of microphone capture failed.', az: '提示用户检查麦克风后重新调用 startLocalAudio()/updateLocalAudio()。', ae: 'Ask the user to check the microphone, then call startLocalAudio()/updateLocalAudio() again.',
    rz: ['本地音频采集中断后 SDK 重新采集失败，通过 ERROR 事件抛出。'], re: ['After local audio capture broke, the SDK\'s recapture failed; emitted on the ERROR event.'], kw: ['microphone recover', '麦克风恢复失败'] },
  5310: { dz: 'Firefox 中麦克风采样率不是 48kHz，音频处理插件不可用', de: 'In Firefox the microphone sample rate is not 48 kHz, so the audio-processing plugin cannot be used.', az: '换用 Chrome 等浏览器，或不启用该插件。', ae: 'Use another browser such as Chrome, or do without the plugin.',
    rz: ['Firefox 中音频处理插件校验音源节点失败。'], re: ['In Firefox, the audio-processing plugin\'s source-node check fails.'], kw: ['Firefox', '48KHz', 'sample rate', '采样率'] },
  5401: { dz: '需要购买对应套餐', de: 'A package must be purchased for this feature.', az: '按 message 中的链接在控制台购买对应套餐。', ae: 'Buy the package in the console via the link in the message.', kw: ['buy packages', '套餐', '购买'] },
  5501: { dz: '防火墙限制导致媒体连接失败', de: 'The media connection failed because of firewall restrictions.', az: '让用户换网络，或放行 TRTC 所需的 UDP 端口与域名，必要时配置 TURN 代理。', ae: 'Have the user change network, or open the UDP ports and domains TRTC needs; configure a TURN proxy if required.',
    rz: ['收到内部 firewall-restriction 事件时通过 ERROR 事件抛出。'], re: ['Emitted on the ERROR event when the internal firewall-restriction event fires.'], kw: ['firewall', 'UDP', 'TURN', '防火墙'] },
  5502: { dz: '断线重新进房失败', de: 'Rejoining the room after a disconnection failed.', az: '提示用户检查网络后重新进房。', ae: 'Ask the user to check the network and join again.', kw: ['rejoin', '重连失败', '重新进房'] },
  5503: { dz: '用户的事件回调里抛出了异常', de: 'An exception was thrown inside the app\'s event handler.', az: '检查 message 中点名事件的回调代码。', ae: 'Fix the handler code of the event the message names.', kw: ['handler', 'trtc.on', '事件回调异常'] },
  5504: { dz: '视频处理上下文出错', de: 'The video-processing context failed.', az: '多为 WebGL/Canvas 上下文丢失：检查硬件加速与显卡驱动，必要时关闭视频特效插件。', ae: 'Usually a lost WebGL/canvas context: check hardware acceleration and the GPU driver; turn off video-effect plugins if needed.',
    rz: ['内部视频管线（videoManager）报错时记录为 5504 错误日志。'], re: ['Logged as a 5504 error when the internal video pipeline (videoManager) reports an error.'], kw: ['webgl context lost', 'video context', '视频处理'] },
  5505: { dz: '视频编码失败（5.11.1 中该值名为 VIDEO_DECODE_ERROR）', de: 'Video encoding failed (in 5.11.1 this value was named VIDEO_DECODE_ERROR).', az: '检查浏览器的硬件编码支持，降低分辨率或码率后重试。注意：SDK 的转换分支落入下一个 case，实际抛出的多为 5506。', ae: 'Check the browser\'s hardware encoder, lower resolution or bitrate and retry. Note: the SDK\'s conversion case falls through, so such failures mostly surface as 5506.',
    rz: ['内部 VIDEO_ENCODE_FAILED 错误被转换时（该分支随后被 5506 覆盖）。'], re: ['When an internal VIDEO_ENCODE_FAILED error is converted (that case is then overwritten by 5506).'], kw: ['video encode', '视频编码', 'encoder'] },
  5506: { dz: '音频编码失败', de: 'Audio encoding failed.', az: '检查浏览器音频编码能力；视频编码失败在当前 SDK 中也会表现为 5506，结合 message 判断。', ae: 'Check the browser\'s audio encoder; in the current SDK video-encoder failures also surface as 5506, so read the message.',
    rz: ['内部 AUDIO_ENCODE_FAILED（以及落入同一分支的 VIDEO_ENCODE_FAILED）错误被转换时。'], re: ['When an internal AUDIO_ENCODE_FAILED (or, via fall-through, VIDEO_ENCODE_FAILED) error is converted.'], kw: ['audio encode', '音频编码'] },
  5507: { dz: '视频解码失败', de: 'Video decoding failed.', az: '检查浏览器是否支持对端编码格式的解码，尝试换浏览器或开启硬件加速。', ae: 'Check that the browser can decode the remote codec; try another browser or enable hardware acceleration.',
    rz: ['远端视频解码失败时通过 ERROR 事件抛出，error.userId 为远端用户。'], re: ['Emitted on the ERROR event when a remote video fails to decode; error.userId names the remote user.'], kw: ['video decode failed', '视频解码'] },
  5508: { dz: '音频解码失败', de: 'Audio decoding failed.', az: '检查浏览器音频解码能力，尝试换浏览器。', ae: 'Check the browser\'s audio decoder; try another browser.',
    rz: ['远端音频轨 decode-failed 时通过 ERROR 事件抛出。'], re: ['Emitted on the ERROR event when a remote audio track reports decode-failed.'], kw: ['audio decode failed', '音频解码'] },
};

// 4.x origin (from the conversion table of the newest version) — our sentences.
const MIG = {
  INVALID_PARAMETER: ['In 5.x: thrown as 5000 INVALID_PARAMETER, keeping the internal message.', '5.x 中：转为 5000 INVALID_PARAMETER，保留内部错误信息。'],
  INVALID_OPERATION: ['In 5.x: thrown as 5100 INVALID_OPERATION, keeping the internal message.', '5.x 中：转为 5100 INVALID_OPERATION，保留内部错误信息。'],
  NOT_SUPPORTED: ['In 5.x: thrown as 5200 ENV_NOT_SUPPORTED.', '5.x 中：转为 5200 ENV_NOT_SUPPORTED。'],
  NOT_SUPPORTED_H264: ['In 5.x: thrown as 5200 with extraCode 5203 (encode) or 5204 (decode).', '5.x 中：转为 5200，extraCode 为 5203（编码）或 5204（解码）。'],
  JOIN_ROOM_FAILED: ['In 5.x: thrown as 5400 SERVER_ERROR with the server result code as extraCode.', '5.x 中：转为 5400 SERVER_ERROR，extraCode 为服务端结果码。'],
  SERVER_TIMEOUT: ['In 5.x: thrown as 5400 SERVER_ERROR, extraCode taken from the internal error.', '5.x 中：转为 5400 SERVER_ERROR，extraCode 取自内部错误。'],
  SWITCH_ROLE_FAILED: ['In 5.x: thrown as 5400 SERVER_ERROR with the server result code as extraCode.', '5.x 中：转为 5400 SERVER_ERROR，extraCode 为服务端结果码。'],
  SWITCH_ROOM_FAILED: ['In 5.x: thrown as 5400 SERVER_ERROR with the server result code as extraCode.', '5.x 中：转为 5400 SERVER_ERROR，extraCode 为服务端结果码。'],
  API_CALL_ABORTED: ['In 5.x: thrown as 5998 OPERATION_ABORT.', '5.x 中：转为 5998 OPERATION_ABORT。'],
  DEVICE_NOT_FOUND: ['In 5.x: thrown as 5300 DEVICE_ERROR, extraCode 5301–5307 from the DOMException name.', '5.x 中：转为 5300 DEVICE_ERROR，extraCode 按 DOMException 名称取 5301–5307。'],
  DEVICE_AUTO_RECOVER_FAILED: ['In 5.x: thrown as 5300 DEVICE_ERROR, extraCode 5301–5307 from the DOMException name.', '5.x 中：转为 5300 DEVICE_ERROR，extraCode 按 DOMException 名称取 5301–5307。'],
  INITIALIZE_FAILED: ['In 5.x: thrown as 5300 DEVICE_ERROR, extraCode 5301–5307 from the DOMException name.', '5.x 中：转为 5300 DEVICE_ERROR，extraCode 按 DOMException 名称取 5301–5307。'],
  VIDEO_ENCODE_FAILED: ['In 5.x: thrown as 5500 OPERATION_FAILED; the case falls through, so extraCode ends up 5506.', '5.x 中：转为 5500 OPERATION_FAILED；该分支落入下一分支，extraCode 最终为 5506。'],
  AUDIO_ENCODE_FAILED: ['In 5.x: thrown as 5500 OPERATION_FAILED with extraCode 5506.', '5.x 中：转为 5500 OPERATION_FAILED，extraCode 为 5506。'],
  UNKNOWN: ['In 5.x: thrown as 5999 UNKNOWN_ERROR.', '5.x 中：转为 5999 UNKNOWN_ERROR。'],
};
const hex = (n) => '0x' + n.toString(16).toUpperCase();
// web4 codes the 4.x catalog has (related only points at entries that exist)
const web4Codes = new Set([...fs.readFileSync(path.join(repo, 'assets/catalog.toml'), 'utf8').matchAll(/^code = (0x[0-9A-Fa-f]+)/gm)].map((m) => Number(m[1])));

// ---------- TOML ----------
const q = (s) => JSON.stringify(s); // TOML basic strings accept JSON escapes for our text
const arr = (a) => `[${a.map(q).join(', ')}]`;
const lines = [
  '# The trtc-errors catalog for the TRTC Web SDK 5.x (npm trtc-sdk-v5): the 8 public error.code values',
  '# and every error.extraCode in the SDK\'s dictionary.',
  '# Generated by scripts/extract/web5-toml.mjs from tests/fixtures/sdk/web5/extract.json',
  '# (scripts/extract/web5.mjs, all published versions). Format: docs/catalog-format.md.',
  '# `templates` are the SDK\'s own message texts, verbatim, with {name} placeholders; everything else',
  '# in the descriptions and advice is our own words.',
  '',
];
const newestConv = X.conversion[X.conversion.length - 1].table;
const convBy5 = new Map();
for (const r of newestConv) if (r.web4_code !== undefined) {
  const k = r.web5_code; if (!convBy5.has(k)) convBy5.set(k, []); convBy5.get(k).push(r);
}
const missing = [];
for (const e of X.entries) {
  const t = T[e.value];
  if (!t) { missing.push(e.value); continue; }
  const out = ['[[entry]]', 'family = "web5"', `category = ${q(e.kind === 'code' ? 'sdk' : 'extra')}`, `code = ${e.value}`, `key = ${q(e.key)}`];
  const older = e.keys.slice(1).map((k) => k.key);
  if (older.length) {
    out.push(`aliases = ${arr(older)}`);
    const ren = [];
    for (let i = e.keys.length - 1; i > 0; i--) ren.push(`{ from = ${q(e.keys[i].key)}, to = ${q(e.keys[i - 1].key)}, version = ${q(e.keys[i - 1].first)} }`);
    out.push(`renamed = [${ren.join(', ')}]`);
  }
  out.push(`description_zh = ${q(t.dz)}`, `description_en = ${q(t.de)}`, `advice_zh = ${q(t.az)}`, `advice_en = ${q(t.ae)}`);
  out.push(`since = ${q(e.first_version)}`);
  if (e.last_version) out.push(`until = ${q(e.last_version)}`);
  if (t.rz) { out.push(`raised_when_zh = ${arr(t.rz)}`, `raised_when_en = ${arr(t.re)}`); }
  if (e.kind === 'extraCode') {
    if (e.value === -100013) out.push('raised_in = "5.2.0–5.8.3"');
    // 5505: later bundles only assign it in a convertFrom case that falls through and is overwritten by
    // 5506; the only effective throw sites (`extraCode:5505,message:…`) are in the versions below.
    else if (e.value === 5505) out.push('raised_in = "5.13.0-beta.18–5.13.0-beta.22"', 'not_raised_since = "5.14.1"');
    else if (e.raised_in) out.push(`raised_in = ${q(e.raised_in.includes(',') ? e.raised_in : e.raised_in.endsWith(NEWEST) ? e.raised_in.replace(NEWEST, '') : e.raised_in)}`);
    if (e.raised_in && !e.raised_in.endsWith(NEWEST) && !e.raised_in.includes(',')) {
      const lastRaised = e.raised_in.split('–').pop();
      const i = X.versions_read.findIndex((v) => v.version === lastRaised);
      if (i >= 0 && X.versions_read[i + 1]) out.push(`not_raised_since = ${q(X.versions_read[i + 1].version)}`);
    }
  }
  if (t.xz) out.push(`extra_code_zh = ${q(t.xz)}`, `extra_code_en = ${q(t.xe)}`);
  if (e.kind === 'extraCode') out.push(`parent = ${q(String(e.parent))}`);
  const tpl = [];
  for (const g of [...e.templates].reverse()) for (const s of g.texts) if (!/undefined/.test(s) && !tpl.includes(s)) tpl.push(s);
  for (const g of e.explicit_messages || []) for (const m of g.messages) { try { const s = JSON.parse(m); if (!tpl.includes(s)) tpl.push(s); } catch { /* concat expression: its rendered form is below */ } }
  // concat expressions rendered by web5.mjs with {name} placeholders (`plugin {name} is not supported`)
  for (const g of e.explicit_messages || []) for (const s of g.templates || []) if (!tpl.includes(s)) tpl.push(s);
  if (tpl.length) out.push(`templates = ${arr(tpl)}`);
  if (e.apis && e.apis.length) out.push(`apis = ${arr(e.apis)}`);
  out.push(`keywords = ${arr(t.kw)}`);
  const conv = e.kind === 'code' ? (convBy5.get(e.value) || []) : newestConv.filter((r) => r.web4_code !== undefined && (r.extraCode === e.value || (typeof r.extraCode === 'string' && new RegExp(`\\b${e.value}\\b`).test(r.extraCode))));
  const related = [];
  if (conv.length) {
    const pub4 = conv.filter((r) => web4Codes.has(r.web4_code)).map((r) => `${r.web4_key} (${hex(r.web4_code)})`).join(', ');
    const int4 = conv.filter((r) => !web4Codes.has(r.web4_code)).map((r) => `${r.web4_key} (${hex(r.web4_code)})`).join(', ');
    // The label already says "In 4.x" / "4.x 中": the text starts with the code.
    const zh = [pub4 && `${pub4}`, int4 && `5.x 内部 4.x 风格错误 ${int4}（4.x 未公开）`].filter(Boolean).join('；');
    const en = [pub4 && `${pub4}`, int4 && `the 5.x-internal 4.x-style error ${int4} (never public in 4.x)`].filter(Boolean).join('; ');
    out.push(`migration_zh = ${q(`${zh}；5.x 把它转换为此码。`)}`);
    out.push(`migration_en = ${q(`${en[0].toUpperCase()}${en.slice(1)}; 5.x converts it to this code.`)}`);
    for (const r of conv) if (web4Codes.has(r.web4_code)) related.push(`web4:${hex(r.web4_code)}`);
  }
  if (e.kind === 'extraCode') related.unshift(String(e.parent));
  if (e.value === 5012) related.push('5013');
  if (e.value === 5013) related.push('5012');
  if (e.value === 5505) related.push('5506');
  // The same server result code as the native errCode (trtc_code.d.ts ERR_SERVER_INFO_SERVICE_SUSPENDED).
  if (e.value === -100013) related.push('native:-100013');
  // NotAllowedError is the browser's refused permission, which the native SDK reports per device.
  if (e.value === 5302) related.push('native:-1314', 'native:-1317');
  if (e.value === 5506) related.push('5505');
  if (related.length) out.push(`related = ${arr([...new Set(related)])}`);
  out.push(`doc_url = ${q(DOC)}`);
  let src = `${X.package}@${NEWEST} trtc.js ERROR_CODE map and extraCode dictionary (templates verbatim); first/last versions from all ${X.versions_read.length} published versions`;
  if (e.kind === 'code') src += `; apis from index.d.ts @throws`;
  else if (e.apis && e.apis.length) src += '; apis from the bundle\'s throw sites';
  if (e.value === 5012 || e.value === 5013) src += '; the docs swap 5012 and 5013 — this entry follows the SDK';
  if (e.value === -100013) src += '; native link: the same server result code, which the native SDK reports as errCode -100013 (trtc-electron-sdk@13.3.801 liteav/trtc_code.d.ts ERR_SERVER_INFO_SERVICE_SUSPENDED)';
  out.push(`source = ${q(src + `; docs: ${DOC}`)}`);
  lines.push(...out, '');
}
if (missing.length) throw new Error(`no texts for ${missing.join(', ')}`);
fs.writeFileSync(path.join(repo, 'assets/web5.toml'), lines.join('\n'));

// ---------- migration-from-4x.json ----------
const mig = newestConv.filter((r) => r.web4_code !== undefined).map((r) => {
  let extra;
  if (typeof r.extraCode === 'number') extra = String(r.extraCode) + ((r.notes || []).some((n) => /falls through/.test(n)) ? ' (its case sets 5505, then falls through into the audio case, which sets 5506)' : '');
  else if (r.extraCode) extra = r.extraCode;
  else extra = 'not set';
  const [en, zh] = MIG[r.web4_key] || [`In 5.x: thrown as ${r.web5_code} ${r.web5_key}.`, `5.x 中：转为 ${r.web5_code} ${r.web5_key}。`];
  return { web4_key: r.web4_key, web4_code: r.web4_code, web5_code: r.web5_code, web5_extra: extra, en, zh };
});
fs.writeFileSync(path.join(fx, 'migration-from-4x.json'), JSON.stringify(mig, null, 2) + '\n');
console.error(`wrote assets/web5.toml (${X.entries.length} entries) and migration-from-4x.json (${mig.length} rows)`);
