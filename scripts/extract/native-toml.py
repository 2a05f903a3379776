# Generates assets/native.toml from tests/fixtures/sdk/native/extract.json plus the English text and
# advice below (our own words). Run from anywhere: python3 scripts/extract/native-toml.py
# Needs extract.json from scripts/extract/native.mjs; reads assets/catalog.toml for the web4 account codes.
import os
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
import json, re
ex = json.load(open(ROOT + '/tests/fixtures/sdk/native/extract.json', encoding='utf-8'))
VER = ex['version']
DOC = "https://cloud.tencent.com/document/product/647/32257"

A = {}  # advice groups: name -> (en, zh)
A['null'] = ("Nothing to do: 0 (ERR_NULL) means no error; the d.ts says onSwitchRole, onConnectOtherRoom and onDisconnectOtherRoom report it on success.",
             "无需处理：0（ERR_NULL）表示没有错误；d.ts 说明 onSwitchRole、onConnectOtherRoom、onDisconnectOtherRoom 成功时返回它。")
A['enter'] = ("Read errMsg from onError for details. Check the TRTCParams passed to enterRoom() (sdkAppId, userId, userSig, roomId/strRoomId) and the network, then call enterRoom() again.",
              "查看 onError 的 errMsg 了解详情；检查传给 enterRoom() 的 TRTCParams（sdkAppId、userId、userSig、roomId/strRoomId）和网络，然后重新调用 enterRoom()。")
A['param'] = ("Check the TRTCParams passed to enterRoom(): sdkAppId, userId and userSig are required, and one of roomId and strRoomId (roomId = 0 when strRoomId is used).",
              "检查传给 enterRoom() 的 TRTCParams：sdkAppId、userId、userSig 必填，roomId 和 strRoomId 必须填一个（使用 strRoomId 时 roomId 填 0）。")
A['appid'] = ("Use the SDKAppID of your application as shown in the TRTC console, and generate the userSig with that application's key.",
              "使用 TRTC 控制台中该应用的 SDKAppID，并用该应用的密钥生成 userSig。")
A['roomid'] = ("Check roomId / strRoomId in the TRTCParams passed to enterRoom(): fill in one of them; when strRoomId is used, roomId must be 0.",
               "检查 enterRoom() 的 TRTCParams 中的 roomId / strRoomId：二者必须填一个；使用 strRoomId 时 roomId 需填 0。")
A['userid'] = ("Check the userId in the TRTCParams passed to enterRoom(), and that the userSig was generated for this same userId.",
               "检查 enterRoom() 的 TRTCParams 中的 userId，并确认 userSig 是为同一个 userId 生成的。")
A['sig'] = ("Generate a new userSig on your server for this sdkAppId and userId with that application's secret key, pass it unmodified in TRTCParams.userSig, and enter the room again.",
            "在服务端用该应用的密钥为这个 sdkAppId 和 userId 重新生成 userSig，原样填入 TRTCParams.userSig 后重新进房。")
A['sig_expired'] = ("Generate a new userSig; if it expires right after being generated, check the validity period you pass when generating it (not tiny, not 0).",
                    "重新生成 userSig；如果刚生成就过期，检查生成时填写的有效期是否过小或为 0。")
A['timeout'] = ("Check the network connection and that firewalls or proxies let the SDK reach Tencent Cloud, then retry.",
                "检查网络连接，以及防火墙或代理是否放行 SDK 访问腾讯云，然后重试。")
A['suspended'] = ("In the Tencent Cloud console, check that the TRTC package has minutes left and that the account has no overdue payment.",
                  "在腾讯云控制台确认 TRTC 套餐包还有剩余分钟数、账号没有欠费。")
A['dev_start'] = ("Check that the device works in another application. As the description says, disable and re-enable the device, restart the computer, or update the driver.",
                  "先确认设备在其他应用中能正常使用；按描述所说，禁用后重新启用设备、重启电脑或更新驱动。")
A['cam_auth'] = ("Allow the app to use the camera in the operating system's privacy settings, then open the camera again.",
                 "在操作系统的隐私设置中允许应用使用摄像头，然后重新打开摄像头。")
A['mic_auth'] = ("Allow the app to use the microphone in the operating system's privacy settings, then open the microphone again.",
                 "在操作系统的隐私设置中允许应用使用麦克风，然后重新打开麦克风。")
A['cam_busy'] = ("Close other programs that are using the camera, or open another camera.",
                 "关闭正在使用摄像头的其他程序，或改用其他摄像头。")
A['mic_busy'] = ("End other programs or calls that are using the microphone, then try again.",
                 "结束占用麦克风的其他程序或通话后重试。")
A['dev_param'] = ("Check the parameters you set for this device; go back to the defaults and try again.",
                  "检查为该设备设置的参数，恢复默认值后重试。")
A['generic'] = ("Retry the operation. If it persists, collect the SDK log together with the time, sdkAppId, roomId and userId, and contact Tencent Cloud support.",
                "重试该操作；如果持续出现，收集 SDK 日志以及发生时间、sdkAppId、roomId、userId，联系腾讯云技术支持。")
A['server'] = ("An error returned by Tencent Cloud's servers. Retry (for room entry: call enterRoom() again); if it persists, contact Tencent Cloud support with the time, sdkAppId, roomId and userId.",
               "腾讯云服务端返回的错误。重试（进房时重新调用 enterRoom()）；如果持续出现，带上发生时间、sdkAppId、roomId、userId 联系腾讯云技术支持。")
A['screen'] = ("As the description says, check the source and parameters passed to selectScreenCaptureTarget() / startScreenCapture(); on macOS, also check that the app has screen-recording permission.",
               "按描述所说，检查传给 selectScreenCaptureTarget() / startScreenCapture() 的采集源和参数；在 macOS 上还要确认应用已获得屏幕录制权限。")
A['android5'] = ("The description only concerns Android versions below 5.0.",
                 "描述只涉及 5.0 以下的 Android 系统。")
A['priv_push'] = ("Check the user's role (in the live scenes an audience member must switchRole() to anchor before publishing) and, if you use room permission protection, the privateMapKey.",
                  "检查用户角色（直播场景下观众需先 switchRole() 切换为主播才能上行），如使用了进房权限保护，再检查 privateMapKey。")
A['priv_room'] = ("If you use room permission protection (TRTCParams.privateMapKey), check that the privateMapKey grants this userId this room; otherwise contact Tencent Cloud support with the time, sdkAppId, roomId and userId.",
                  "如使用了进房权限保护（TRTCParams.privateMapKey），确认 privateMapKey 允许该 userId 进入该房间；否则带上发生时间、sdkAppId、roomId、userId 联系腾讯云技术支持。")
A['sub_busy'] = ("Wait until the other user stops publishing the substream (e.g. screen sharing), then try again.",
                 "等其他用户停止上行辅路（例如屏幕分享）后再重试。")
A['venc'] = ("Stop and restart the local video (or custom video input); if it persists, collect the SDK log and contact Tencent Cloud support.",
             "停止后重新开启本地视频（或自定义视频输入）；如果持续出现，收集 SDK 日志联系腾讯云技术支持。")
A['aenc'] = ("If you send custom audio data, check that its format matches what the API expects; otherwise restart the microphone.",
             "如果使用自定义音频数据，检查数据格式是否符合接口要求；否则重新开启麦克风。")
A['format'] = ("Use a value the API documents as supported (see the enums in trtc_define.d.ts, e.g. TRTCVideoResolution, TRTCVideoPixelFormat, TRTCVideoBufferType).",
               "使用接口文档支持的取值（见 trtc_define.d.ts 中的枚举，如 TRTCVideoResolution、TRTCVideoPixelFormat、TRTCVideoBufferType）。")
A['cdn_timeout'] = ("Check the network and retry the request (startPublishing / startPublishCDNStream / setMixTranscodingConfig, or startPublishMediaStream that replaces them).",
                    "检查网络后重试该请求（startPublishing / startPublishCDNStream / setMixTranscodingConfig，或替代它们的 startPublishMediaStream）。")
A['cdn_fail'] = ("Check the parameters of the relay or mixing request and retry; relaying to a non-Tencent CDN with startPublishCDNStream() must first be enabled through a support ticket (trtc.d.ts).",
                 "检查转推或混流请求的参数后重试；用 startPublishCDNStream() 转推到非腾讯云 CDN 需要先提工单开通（见 trtc.d.ts）。")
A['conn_audience'] = ("Call switchRole() to become an anchor before connectOtherRoom() / disconnectOtherRoom().",
                      "先调用 switchRole() 切换为主播，再调用 connectOtherRoom() / disconnectOtherRoom()。")
A['conn'] = ("Check the roomId and userId passed to connectOtherRoom() (the other anchor's room and userId) and that the other anchor is in that room, then retry.",
             "检查传给 connectOtherRoom() 的 roomId 和 userId（对方主播所在房间和其 userId），确认对方主播在该房间内后重试。")
A['live_net'] = ("Check the network, then restart pushing or playback.",
                 "检查网络后重新推流或播放。")
A['live_url'] = ("Check the push URL; the description gives an address that is not RTMP as an example of an invalid one.",
                 "检查推流地址；描述举的非法地址例子是非 RTMP 协议的地址。")
A['w_lag'] = ("Check the network of the viewer and of the sender; if it persists, collect the SDK log and contact Tencent Cloud support.",
              "检查观看端和发送端的网络；如果持续出现，收集 SDK 日志联系腾讯云技术支持。")
A['live_refuse'] = ("As the description lists: check that the push URL is not already in use, that the TXSecret is valid and not expired, and that the account has no overdue payment.",
                    "按描述所列：检查推流地址是否已被占用、TXSecret 是否有效且未过期、账号是否欠费。")
A['nonet'] = ("Check that Wi-Fi, mobile data or the wired network is working.",
              "确认 WiFi、移动数据或有线网络是否正常。")
A['file'] = ("Check the path or URL of the file to play.",
             "检查要播放的文件路径或 URL。")
A['play_restart'] = ("The SDK has stopped retrying; restart playback yourself once the network is back.",
                     "SDK 已停止重试；网络恢复后请自行重新开始播放。")
A['https'] = ("As the description says: check the network and that the firewall allows HTTPS to official.opensso.tencent-cloud.com:443.",
              "按描述所说：检查网络，并确认防火墙放行 HTTPS 访问 official.opensso.tencent-cloud.com:443。")
A['udp'] = ("As the description says: check the network and that the firewall allows UDP to query.tencent-cloud.com:8000, 162.14.23.140:8000 and 162.14.7.49:8000.",
            "按描述所说：检查网络，并确认防火墙放行 UDP 访问 query.tencent-cloud.com:8000、162.14.23.140:8000、162.14.7.49:8000。")
A['token_param'] = ("As the description says, check that TRTCParams.userSig is filled in correctly (generated for this sdkAppId and userId, not truncated).",
                    "按描述所说，检查 TRTCParams.userSig 是否填写正确（为该 sdkAppId 和 userId 生成、未被截断）。")
A['scene'] = ("Check the appScene passed to enterRoom() and TRTCParams.role (the role only applies to TRTCAppSceneLIVE and TRTCAppSceneVoiceChatRoom).",
              "检查传给 enterRoom() 的 appScene 和 TRTCParams.role（role 只适用于 TRTCAppSceneLIVE 和 TRTCAppSceneVoiceChatRoom）。")
A['privflag'] = ("If you use room permission protection, check the privateMapKey; the official error-code page describes -100006 as a privateMapKey check failure.",
                 "如使用了进房权限保护，检查 privateMapKey；官方错误码页面把 -100006 说明为 privateMapKey 校验失败。")
A['tinyid'] = ("The official error-code page describes -100018 as a userSig verification failure: check the userSig passed in TRTCParams.",
               "官方错误码页面把 -100018 说明为 userSig 校验失败：检查 TRTCParams 中的 userSig。")
A['bussinfo'] = ("Check TRTCParams.businessInfo; the d.ts recommends not using it.",
                 "检查 TRTCParams.businessInfo；d.ts 建议不要使用该字段。")
A['recordid'] = ("Check TRTCParams.userDefineRecordId: at most 64 bytes, only a-z, A-Z, 0-9, underscore and hyphen (trtc_define.d.ts).",
                 "检查 TRTCParams.userDefineRecordId：长度不超过 64 字节，只允许大小写英文字母、数字、下划线和连词符（见 trtc_define.d.ts）。")
A['room_full'] = ("The room has no room for more users; try again later or use another room.",
                  "房间已满员；稍后再试或换一个房间。")
A['tls'] = ("As the description says: retry; if repeated retries fail, contact TLS account support.",
            "按描述所说：重试；多次重试仍不成功时联系 TLS 帐号支持。")
A['blacklist'] = ("As the description says, contact TLS account support.",
                  "按描述所说，联系 TLS 帐号支持。")
A['sdkappid_cfg'] = ("Check that the sdkAppId is the one of an application created on Tencent Cloud (TRTC console).",
                     "确认 sdkAppId 是在腾讯云（TRTC 控制台）创建的应用的 SDKAppID。")
A['accounts'] = ("Check the number of accounts allowed by the prepaid purchase for this application.",
                 "核对该应用已购买的预付费账号数量。")
A['ticket'] = ("Check all entry parameters (sdkAppId, userId, userSig) and generate a new userSig.",
               "检查各项进房参数（sdkAppId、userId、userSig），并重新生成 userSig。")
A['login'] = ("As the description says, authenticate again with a (new) userSig: enter the room again.",
              "按描述所说，使用（新的）userSig 重新鉴权，即重新进房。")
# warnings
A['w_auto'] = ("Informational: the SDK has already handled it as the description says. Look into it only if it keeps happening together with visible quality or performance problems.",
               "提示性质：SDK 已按描述自动处理。只有频繁出现并伴随明显的画质或性能问题时才需排查。")
A['w_decode'] = ("The d.ts says onWarning reports non-serious problems such as recoverable decoding failures; act only if it keeps repeating, then collect the SDK log and contact Tencent Cloud support.",
                 "d.ts 说明 onWarning 用于通知非严重问题，例如可恢复的解码失败；只有持续重复出现时才需处理，届时收集 SDK 日志联系腾讯云技术支持。")
A['w_generic'] = ("A warning, not a fatal error (onWarning reports non-serious problems). If it keeps repeating, collect the SDK log and contact Tencent Cloud support.",
                  "这是警告而不是致命错误（onWarning 用于通知非严重问题）。如果持续出现，收集 SDK 日志联系腾讯云技术支持。")
A['w_up'] = ("Check the sender's uplink: use a more stable connection, or lower the video resolution or bitrate (setVideoEncoderParam) to fit the bandwidth.",
             "检查发送端上行网络：换用更稳定的网络，或用 setVideoEncoderParam 降低视频分辨率、码率以适应带宽。")
A['w_down'] = ("Check the receiver's downlink network; as the description says, uneven output from the anchor can also cause it.",
               "检查接收端下行网络；按描述所说，主播端出流不均匀也会导致。")
A['w_reconnect'] = ("The SDK reconnects by itself; follow it with onConnectionLost / onTryToReconnect / onConnectionRecovery and check the network.",
                    "SDK 会自动重连；可通过 onConnectionLost / onTryToReconnect / onConnectionRecovery 跟踪，并检查网络。")
A['w_audience'] = ("To publish audio or video, call switchRole() to become an anchor first.",
                   "要上行音视频，请先调用 switchRole() 切换为主播。")
A['w_rec'] = ("Check that the recording file path is writable and that the disk has free space.",
              "检查录音文件路径是否可写、磁盘是否有剩余空间。")
A['w_rtmp'] = ("Live streaming: the SDK keeps retrying as the description says; if it repeats, check the network and the stream URL.",
               "直播：SDK 会按描述自动处理；如果反复出现，检查网络和流地址。")
A['w_dns'] = ("Check the network and DNS settings, and the domain in the stream URL.",
              "检查网络和 DNS 设置，以及流地址中的域名。")
A['w_internal'] = ("The description says this is an SDK-internal code that is not reported to the app; nothing to do.",
                   "描述说明这是 SDK 内部错误码，不会对外抛出；无需处理。")

# key -> (description_en, advice group, [extra keywords])
E = {
'ERR_NULL': ("No error.", 'null', ["success", "无错误"]),
'ERR_ROOM_ENTER_FAIL': ("Entering the room failed.", 'enter', ["enter room", "enterRoom", "进房", "进房失败"]),
'ERR_ENTER_ROOM_PARAM_NULL': ("The room-entry parameters are empty; check that the call to enterRoom:appScene: passes a valid param.", 'param', ["enterRoom", "TRTCParams", "进房参数"]),
'ERR_SDK_APPID_INVALID': ("The sdkAppId room-entry parameter is wrong.", 'appid', ["sdkAppId", "进房参数", "应用ID"]),
'ERR_ROOM_ID_INVALID': ("The roomId room-entry parameter is wrong.", 'roomid', ["roomId", "进房参数", "房间号"]),
'ERR_USER_ID_INVALID': ("The userID room-entry parameter is not valid.", 'userid', ["userId", "进房参数", "用户ID"]),
'ERR_USER_SIG_INVALID': ("The userSig room-entry parameter is not valid.", 'sig', ["userSig", "进房参数", "签名"]),
'ERR_ROOM_REQUEST_ENTER_ROOM_TIMEOUT': ("The room-entry request timed out; check the network.", 'timeout', ["enter room timeout", "进房超时", "网络"]),
'ERR_SERVER_INFO_SERVICE_SUSPENDED': ("Service unavailable. Check whether the package has more than 0 minutes left and whether the Tencent Cloud account is in arrears.", 'suspended', ["service suspended", "欠费", "套餐包", "服务不可用"]),
'ERR_ROOM_REQUEST_QUIT_ROOM_TIMEOUT': ("The room-exit request timed out.", 'timeout', ["exit room", "exitRoom", "退房超时"]),
'ERR_CAMERA_START_FAIL': ("Opening the camera failed, e.g. on Windows or Mac the camera's configuration program (driver) is faulty; disable and re-enable the device, restart the machine, or update the configuration program.", 'dev_start', ["camera", "open camera", "摄像头", "打开摄像头失败", "驱动"]),
'ERR_CAMERA_NOT_AUTHORIZED': ("The camera is not authorized; usually seen on mobile devices, possibly because the user denied permission.", 'cam_auth', ["camera permission", "摄像头", "未授权", "权限"]),
'ERR_CAMERA_SET_PARAM_FAIL': ("Setting camera parameters failed (parameters not supported, or other reasons).", 'dev_param', ["camera", "setCameraCaptureParams", "摄像头", "参数"]),
'ERR_CAMERA_OCCUPY': ("The camera is in use; try opening another camera.", 'cam_busy', ["camera busy", "摄像头", "占用"]),
'ERR_MIC_START_FAIL': ("Opening the microphone failed, e.g. on Windows or Mac the microphone's configuration program (driver) is faulty; disable and re-enable the device, restart the machine, or update the configuration program.", 'dev_start', ["microphone", "open microphone", "麦克风", "打开麦克风失败", "驱动"]),
'ERR_MIC_NOT_AUTHORIZED': ("The microphone is not authorized; usually seen on mobile devices, possibly because the user denied permission.", 'mic_auth', ["microphone permission", "麦克风", "未授权", "权限"]),
'ERR_MIC_SET_PARAM_FAIL': ("Setting microphone parameters failed.", 'dev_param', ["microphone", "麦克风", "参数"]),
'ERR_MIC_OCCUPY': ("The microphone is in use, e.g. opening the microphone fails while a mobile device is in a call.", 'mic_busy', ["microphone busy", "麦克风", "占用"]),
'ERR_MIC_STOP_FAIL': ("Stopping the microphone failed.", 'generic', ["microphone", "麦克风", "停止"]),
'ERR_SPEAKER_START_FAIL': ("Opening the speaker failed, e.g. on Windows or Mac the speaker's configuration program (driver) is faulty; disable and re-enable the device, restart the machine, or update the configuration program.", 'dev_start', ["speaker", "扬声器", "打开扬声器失败", "驱动"]),
'ERR_SPEAKER_SET_PARAM_FAIL': ("Setting speaker parameters failed.", 'dev_param', ["speaker", "扬声器", "参数"]),
'ERR_SPEAKER_STOP_FAIL': ("Stopping the speaker failed.", 'generic', ["speaker", "扬声器", "停止"]),
'ERR_SCREEN_CAPTURE_START_FAIL': ("Starting screen capture failed; on a mobile device the user may have denied permission; on Windows or Mac, check that the parameters of the screen-capture API meet its requirements.", 'screen', ["screen sharing", "startScreenCapture", "录屏", "屏幕分享"]),
'ERR_SCREEN_CAPTURE_UNSURPORT': ("Screen capture failed; on Android it needs system version 5.0 or later.", 'android5', ["screen capture unsupported", "录屏", "屏幕分享"]),
'ERR_SERVER_CENTER_NO_PRIVILEDGE_PUSH_SUB_VIDEO': ("No permission to publish the substream.", 'priv_push', ["substream", "screen sharing", "辅路", "权限"]),
'ERR_SERVER_CENTER_ANOTHER_USER_PUSH_SUB_VIDEO': ("Another user is publishing the substream.", 'sub_busy', ["substream", "screen sharing", "辅路"]),
'ERR_VIDEO_ENCODE_FAIL': ("Encoding a video frame failed; e.g. when an iOS device switches to another app, the system may release the hardware encoder, and this may be raised after switching back, before the encoder restarts.", 'venc', ["video encode", "视频编码", "编码失败"]),
'ERR_AUDIO_ENCODE_FAIL': ("Encoding an audio frame failed, e.g. custom audio data was passed in that the SDK cannot process.", 'aenc', ["audio encode", "custom audio", "音频编码", "编码失败"]),
'ERR_UNSUPPORTED_RESOLUTION': ("Unsupported video resolution.", 'format', ["resolution", "分辨率", "不支持"]),
'ERR_UNSUPPORTED_SAMPLERATE': ("Unsupported audio sample rate.", 'format', ["sample rate", "采样率", "不支持"]),
'ERR_PIXEL_FORMAT_UNSUPPORTED': ("The pixel format that was set is not supported.", 'format', ["pixel format", "TRTCVideoPixelFormat", "不支持"]),
'ERR_BUFFER_TYPE_UNSUPPORTED': ("The buffer type that was set is not supported.", 'format', ["buffer type", "TRTCVideoBufferType", "不支持"]),
'ERR_PUBLISH_CDN_STREAM_REQUEST_TIME_OUT': ("The CDN relay request timed out.", 'cdn_timeout', ["CDN relay", "startPublishCDNStream", "旁路转推", "超时"]),
'ERR_CLOUD_MIX_TRANSCODING_REQUEST_TIME_OUT': ("The cloud stream-mixing request timed out.", 'cdn_timeout', ["stream mixing", "setMixTranscodingConfig", "云端混流", "超时"]),
'ERR_PUBLISH_CDN_STREAM_SERVER_FAILED': ("The CDN relay response was abnormal.", 'cdn_fail', ["CDN relay", "startPublishCDNStream", "旁路转推"]),
'ERR_CLOUD_MIX_TRANSCODING_SERVER_FAILED': ("The cloud stream-mixing response was abnormal.", 'cdn_fail', ["stream mixing", "setMixTranscodingConfig", "云端混流"]),
'ERR_ROOM_REQUEST_START_PUBLISHING_TIMEOUT': ("The signalling to start publishing to Tencent Cloud's live-streaming CDN timed out.", 'cdn_timeout', ["startPublishing", "CDN", "推流", "超时"]),
'ERR_ROOM_REQUEST_START_PUBLISHING_ERROR': ("The signalling to start publishing to Tencent Cloud's live-streaming CDN was abnormal.", 'cdn_fail', ["startPublishing", "CDN", "推流"]),
'ERR_ROOM_REQUEST_STOP_PUBLISHING_TIMEOUT': ("The signalling to stop publishing to Tencent Cloud's live-streaming CDN timed out.", 'cdn_timeout', ["stopPublishing", "CDN", "推流", "超时"]),
'ERR_ROOM_REQUEST_STOP_PUBLISHING_ERROR': ("The signalling to stop publishing to Tencent Cloud's live-streaming CDN was abnormal.", 'cdn_fail', ["stopPublishing", "CDN", "推流"]),
'ERR_ROOM_REQUEST_CONN_ROOM_TIMEOUT': ("The co-anchoring request timed out.", 'timeout', ["connectOtherRoom", "co-anchoring", "连麦", "超时"]),
'ERR_ROOM_REQUEST_DISCONN_ROOM_TIMEOUT': ("The request to leave co-anchoring timed out.", 'timeout', ["disconnectOtherRoom", "co-anchoring", "连麦", "超时"]),
'ERR_ROOM_REQUEST_CONN_ROOM_INVALID_PARAM': ("Invalid parameter.", 'conn', ["connectOtherRoom", "invalid parameter", "连麦", "无效参数"]),
'ERR_CONNECT_OTHER_ROOM_AS_AUDIENCE': ("The current role is audience, which cannot request or end cross-room co-anchoring; switchRole() to anchor first.", 'conn_audience', ["connectOtherRoom", "audience", "switchRole", "跨房连麦", "观众"]),
'ERR_SERVER_CENTER_CONN_ROOM_NOT_SUPPORT': ("Cross-room co-anchoring is not supported.", 'generic', ["connectOtherRoom", "跨房连麦"]),
'ERR_SERVER_CENTER_CONN_ROOM_REACH_MAX_NUM': ("The cross-room co-anchoring limit has been reached.", 'generic', ["connectOtherRoom", "跨房连麦", "上限"]),
'ERR_SERVER_CENTER_CONN_ROOM_REACH_MAX_RETRY_TIMES': ("Cross-room co-anchoring retries are exhausted.", 'generic', ["connectOtherRoom", "跨房连麦", "重试"]),
'ERR_SERVER_CENTER_CONN_ROOM_REQ_TIMEOUT': ("The cross-room co-anchoring request timed out.", 'timeout', ["connectOtherRoom", "跨房连麦", "超时"]),
'ERR_SERVER_CENTER_CONN_ROOM_REQ': ("The cross-room co-anchoring request is malformed.", 'conn', ["connectOtherRoom", "跨房连麦", "格式错误"]),
'ERR_SERVER_CENTER_CONN_ROOM_NO_SIG': ("The cross-room co-anchoring request has no signature.", 'generic', ["connectOtherRoom", "跨房连麦", "签名"]),
'ERR_SERVER_CENTER_CONN_ROOM_DECRYPT_SIG': ("Decrypting the cross-room co-anchoring signature failed.", 'generic', ["connectOtherRoom", "跨房连麦", "签名"]),
'ERR_SERVER_CENTER_CONN_ROOM_NO_KEY': ("The key for decrypting the cross-room co-anchoring signature was not found.", 'generic', ["connectOtherRoom", "跨房连麦", "密钥"]),
'ERR_SERVER_CENTER_CONN_ROOM_PARSE_SIG': ("Parsing the cross-room co-anchoring signature failed.", 'generic', ["connectOtherRoom", "跨房连麦", "签名"]),
'ERR_SERVER_CENTER_CONN_ROOM_INVALID_SIG_TIME': ("The timestamp of the cross-room co-anchoring signature is wrong.", 'generic', ["connectOtherRoom", "跨房连麦", "时间戳"]),
'ERR_SERVER_CENTER_CONN_ROOM_SIG_GROUPID': ("The cross-room co-anchoring signature does not match.", 'generic', ["connectOtherRoom", "跨房连麦", "签名"]),
'ERR_SERVER_CENTER_CONN_ROOM_NOT_CONNED': ("There is no co-anchoring in this room.", 'generic', ["disconnectOtherRoom", "连麦"]),
'ERR_SERVER_CENTER_CONN_ROOM_USER_NOT_CONNED': ("This user has not started co-anchoring.", 'generic', ["disconnectOtherRoom", "连麦"]),
'ERR_SERVER_CENTER_CONN_ROOM_FAILED': ("Cross-room co-anchoring failed.", 'conn', ["connectOtherRoom", "跨房连麦", "PK"]),
'ERR_SERVER_CENTER_CONN_ROOM_CANCEL_FAILED': ("Cancelling cross-room co-anchoring failed.", 'generic', ["disconnectOtherRoom", "跨房连麦"]),
'ERR_SERVER_CENTER_CONN_ROOM_CONNED_ROOM_NOT_EXIST': ("The room to co-anchor with does not exist.", 'conn', ["connectOtherRoom", "被连麦房间", "不存在"]),
'ERR_SERVER_CENTER_CONN_ROOM_CONNED_REACH_MAX_ROOM': ("The room to co-anchor with has reached its co-anchoring limit.", 'generic', ["connectOtherRoom", "被连麦房间", "上限"]),
'ERR_SERVER_CENTER_CONN_ROOM_CONNED_USER_NOT_EXIST': ("The user to co-anchor with does not exist.", 'conn', ["connectOtherRoom", "被连麦用户", "不存在"]),
'ERR_SERVER_CENTER_CONN_ROOM_CONNED_USER_DELETED': ("The user to co-anchor with has been deleted.", 'generic', ["connectOtherRoom", "被连麦用户"]),
'ERR_SERVER_CENTER_CONN_ROOM_CONNED_USER_FULL': ("The user to co-anchor with has reached a resource limit.", 'generic', ["connectOtherRoom", "被连麦用户", "上限"]),
'ERR_SERVER_CENTER_CONN_ROOM_INVALID_SEQ': ("The co-anchoring request sequence numbers are out of order.", 'generic', ["connectOtherRoom", "连麦", "序号"]),
'ERR_RTMP_PUSH_NET_DISCONNECT': ("Live streaming: the push lost its network connection and could not recover after several retries.", 'live_net', ["RTMP push", "直播", "推流", "网络断开"]),
'ERR_RTMP_PUSH_INVALID_ADDRESS': ("Live streaming: the push URL is invalid, e.g. not an RTMP address.", 'live_url', ["RTMP push", "push URL", "推流地址", "直播"]),
'ERR_RTMP_PUSH_NET_ALLADDRESS_FAIL': ("Live streaming: connecting to the push server failed (with smart routing: all IPs failed).", 'live_net', ["RTMP push", "直播", "推流", "连接失败"]),
'ERR_RTMP_PUSH_NO_NETWORK': ("Live streaming: no network available; check that Wi-Fi, mobile data or the wired network works.", 'nonet', ["RTMP push", "no network", "直播", "网络不可用"]),
'ERR_RTMP_PUSH_SERVER_REFUSE': ("Live streaming: the server refused the connection; the push URL may already be in use, the TXSecret check may have failed or expired, or the account may be in arrears.", 'live_refuse', ["RTMP push", "TXSecret", "直播", "推流", "拒绝"]),
'ERR_PLAY_LIVE_STREAM_NET_DISCONNECT': ("Live streaming: the network disconnected and several reconnection attempts failed; to retry further, restart playback yourself.", 'play_restart', ["live play", "直播", "播放", "网络断连"]),
'ERR_GET_RTMP_ACC_URL_FAIL': ("Live streaming: getting the accelerated pull URL failed.", 'generic', ["RTMP ACC", "直播", "加速拉流"]),
'ERR_FILE_NOT_FOUND': ("The file to play does not exist.", 'file', ["file not found", "播放", "文件不存在"]),
'ERR_HEVC_DECODE_FAIL': ("H.265 decoding failed.", 'generic', ["HEVC", "H265", "解码失败"]),
'ERR_VOD_DECRYPT_FAIL': ("VOD: decrypting the audio/video stream failed.", 'generic', ["VOD", "decrypt", "点播", "解密失败"]),
'ERR_GET_VODFILE_MEDIAINFO_FAIL': ("VOD: getting the VOD file information failed.", 'generic', ["VOD", "media info", "点播", "文件信息"]),
'ERR_PLAY_LIVE_STREAM_SWITCH_FAIL': ("Live streaming: switching streams failed (switching plays video of a different picture size).", 'generic', ["live play", "switch stream", "直播", "切流失败"]),
'ERR_PLAY_LIVE_STREAM_SERVER_REFUSE': ("Live streaming: the server refused the connection request.", 'generic', ["live play", "直播", "拒绝连接"]),
'ERR_RTMP_ACC_FETCH_STREAM_FAIL': ("Live streaming: RTMPACC low-latency pull failed and could not recover after several retries.", 'live_net', ["RTMPACC", "低延时拉流", "直播"]),
'ERR_ROOM_HEARTBEAT_FAIL': ("Heartbeat failed: the client regularly sends packets to tell the server it is alive; this error is usually a send timeout.", 'timeout', ["heartbeat", "心跳失败", "网络"]),
'ERR_ROOM_REQUEST_IP_FAIL': ("Fetching the access server addresses failed.", 'timeout', ["access server", "接口机", "网络"]),
'ERR_ROOM_CONNECT_FAIL': ("Connecting to the access server failed.", 'timeout', ["access server", "connect", "接口机", "连接失败"]),
'ERR_ROOM_REQUEST_AVSEAT_FAIL': ("Requesting a video seat failed.", 'server', ["video seat", "视频位"]),
'ERR_ROOM_REQUEST_TOKEN_HTTPS_TIMEOUT': ("The HTTPS token request timed out; check that the network works and that the firewall allows HTTPS access to official.opensso.tencent-cloud.com:443.", 'https', ["token", "https", "firewall", "防火墙", "超时"]),
'ERR_ROOM_REQUEST_IP_TIMEOUT': ("The request for IP and sig timed out; check that the network works and that the firewall allows UDP access to these IPs and domains: query.tencent-cloud.com:8000 162.14.23.140:8000 162.14.7.49:8000.", 'udp', ["UDP", "firewall", "防火墙", "超时"]),
'ERR_ROOM_REQUEST_VIDEO_FLAG_TIMEOUT': ("The video-seat request timed out.", 'timeout', ["video seat", "视频位", "超时"]),
'ERR_ROOM_REQUEST_VIDEO_DATA_ROOM_TIMEOUT': ("The video-data request timed out.", 'timeout', ["video data", "视频数据", "超时"]),
'ERR_ROOM_REQUEST_CHANGE_ABILITY_TIMEOUT': ("The request to change video capabilities timed out.", 'timeout', ["video ability", "视频能力", "超时"]),
'ERR_ROOM_REQUEST_STATUS_REPORT_TIMEOUT': ("The status-report request timed out.", 'timeout', ["status report", "状态上报", "超时"]),
'ERR_ROOM_REQUEST_CLOSE_VIDEO_TIMEOUT': ("The request to close video timed out.", 'timeout', ["close video", "关闭视频", "超时"]),
'ERR_ROOM_REQUEST_SET_RECEIVE_TIMEOUT': ("The request for the video-receiving settings timed out.", 'timeout', ["receive video", "接收视频", "超时"]),
'ERR_ROOM_REQUEST_TOKEN_INVALID_PARAMETER': ("The token request has an invalid parameter; check that TRTCParams.userSig is filled in correctly.", 'token_param', ["token", "userSig", "签名", "无效参数"]),
'ERR_ROOM_REQUEST_AES_TOKEN_RETURN_ERROR': ("When requesting the AES token, the server returned empty content.", 'server', ["AES token", "token", "请求 token", "返回为空"]),
'ERR_ACCIP_LIST_EMPTY': ("The list returned by the access-server IP request is empty.", 'server', ["access server", "IP list", "接口机"]),
'ERR_ROOM_REQUEST_SEND_JSON_CMD_TIMEOUT': ("Sending a JSON signalling request timed out.", 'timeout', ["JSON", "signalling", "信令", "超时"]),
'ERR_SERVER_INFO_UNPACKING_ERROR': ("The server failed to unpack the request; the request data may have been tampered with.", 'server', ["unpack", "解包错误"]),
'ERR_SERVER_INFO_TOKEN_ERROR': ("Token error.", 'server', ["token", "TOKEN 错误"]),
'ERR_SERVER_INFO_ALLOCATE_ACCESS_FAILED': ("Allocating an access server failed.", 'server', ["access server", "接口机"]),
'ERR_SERVER_INFO_GENERATE_SIGN_FAILED': ("Generating the signature failed.", 'server', ["signature", "签名"]),
'ERR_SERVER_INFO_TOKEN_TIMEOUT': ("HTTPS token timeout.", 'timeout', ["token", "https", "超时"]),
'ERR_SERVER_INFO_INVALID_COMMAND': ("Invalid command word.", 'server', ["invalid command", "命令字"]),
'ERR_SERVER_INFO_PRIVILEGE_FLAG_ERROR': ("The privilege bits failed verification.", 'privflag', ["privilege", "privateMapKey", "权限位"]),
'ERR_SERVER_INFO_GENERATE_KEN_ERROR': ("During an HTTPS request, generating the encryption key failed.", 'server', ["encryption key", "加密 key"]),
'ERR_SERVER_INFO_GENERATE_TOKEN_ERROR': ("During an HTTPS request, generating the token failed.", 'server', ["token", "生成 token 错误"]),
'ERR_SERVER_INFO_DATABASE': ("Database query failed (room-related stored information).", 'server', ["database", "数据库"]),
'ERR_SERVER_INFO_BAD_ROOMID': ("Wrong room number.", 'roomid', ["roomId", "房间号"]),
'ERR_SERVER_INFO_BAD_SCENE_OR_ROLE': ("Wrong scene or role.", 'scene', ["appScene", "role", "场景", "角色"]),
'ERR_SERVER_INFO_ROOMID_EXCHANGE_FAILED': ("Converting the room number failed.", 'roomid', ["roomId", "strRoomId", "房间号"]),
'ERR_SERVER_INFO_STRGROUP_HAS_INVALID_CHARS': ("Invalid room number.", 'roomid', ["strRoomId", "房间号", "非法"]),
'ERR_SERVER_INFO_LACK_SDKAPPID': ("Invalid SDKAppid.", 'appid', ["sdkAppId", "非法"]),
'ERR_SERVER_INFO_INVALID': ("Invalid request: the old version 0x1 requires a Token, ECDH requires an ECDH public key; if neither is present, an error is reported.", 'server', ["invalid request", "ECDH", "无效请求"]),
'ERR_SERVER_INFO_ECDH_GET_KEY': ("Generating the public key failed.", 'server', ["ECDH", "public key", "公钥"]),
'ERR_SERVER_INFO_ECDH_GET_TINYID': ("Getting the tinyid failed.", 'tinyid', ["tinyid", "userSig", "get tinyid error", "获取tinyid失败"]),
'ERR_SERVER_ACC_TOKEN_TIMEOUT': ("Token expired.", 'server', ["token expired", "过期"]),
'ERR_SERVER_ACC_SIGN_ERROR': ("Signature error.", 'sig', ["signature", "userSig", "签名错误"]),
'ERR_SERVER_ACC_SIGN_TIMEOUT': ("Signature timed out.", 'sig_expired', ["signature", "userSig", "签名超时"]),
'ERR_SERVER_ACC_ROOM_NOT_EXIST': ("The room does not exist.", 'server', ["room not exist", "房间不存在"]),
'ERR_SERVER_ACC_ROOMID': ("The backend room identifier roomId is wrong.", 'roomid', ["roomId", "房间标识"]),
'ERR_SERVER_ACC_LOCATIONID': ("The backend user location identifier locationId is wrong.", 'server', ["locationId", "用户位置标识"]),
'ERR_SERVER_CENTER_SYSTEM_ERROR': ("Backend error.", 'server', ["backend error", "后台错误"]),
'ERR_SERVER_CENTER_INVALID_ROOMID': ("Invalid room ID.", 'roomid', ["roomId", "房间号", "无效"]),
'ERR_SERVER_CENTER_CREATE_ROOM_FAILED': ("Creating the room failed.", 'server', ["create room", "创建房间失败"]),
'ERR_SERVER_CENTER_SIGN_ERROR': ("Signature error.", 'sig', ["signature", "userSig", "签名错误"]),
'ERR_SERVER_CENTER_SIGN_TIMEOUT': ("Signature expired.", 'sig_expired', ["signature expired", "userSig", "签名过期"]),
'ERR_SERVER_CENTER_ROOM_NOT_EXIST': ("The room does not exist.", 'server', ["room not exist", "房间不存在"]),
'ERR_SERVER_CENTER_ADD_USER_FAILED': ("Adding the user to the room failed.", 'server', ["add user", "添加用户"]),
'ERR_SERVER_CENTER_FIND_USER_FAILED': ("Finding the user failed.", 'server', ["find user", "查找用户"]),
'ERR_SERVER_CENTER_SWITCH_TERMINATION_FREQUENTLY': ("Switching terminals (devices) too frequently.", 'server', ["switch terminal", "频繁切换终端"]),
'ERR_SERVER_CENTER_LOCATION_NOT_EXIST': ("locationid error.", 'server', ["locationId", "位置标识错误"]),
'ERR_SERVER_CENTER_NO_PRIVILEDGE_CREATE_ROOM': ("No permission to create the room.", 'priv_room', ["privilege", "privateMapKey", "创建房间", "权限"]),
'ERR_SERVER_CENTER_NO_PRIVILEDGE_ENTER_ROOM': ("No permission to enter the room.", 'priv_room', ["enter room", "privateMapKey", "进房", "权限"]),
'ERR_SERVER_CENTER_INVALID_PARAMETER_SUB_VIDEO': ("Wrong request-type parameter when taking a video seat for the substream or applying for the substream.", 'server', ["substream", "辅路", "参数错误"]),
'ERR_SERVER_CENTER_NO_PRIVILEDGE_PUSH_VIDEO': ("No permission to send video.", 'priv_push', ["publish video", "privateMapKey", "上视频", "权限"]),
'ERR_SERVER_CENTER_ROUTE_TABLE_ERROR': ("No free routing table.", 'server', ["route table", "路由表"]),
'ERR_SERVER_CENTER_NOT_PUSH_SUB_VIDEO': ("The current user is not sending the substream.", 'generic', ["substream", "辅路"]),
'ERR_SERVER_CENTER_USER_WAS_DELETED': ("The user is in the deleted state.", 'server', ["user deleted", "用户被删除"]),
'ERR_SERVER_CENTER_NO_PRIVILEDGE_REQUEST_VIDEO': ("No permission to request video.", 'priv_room', ["request video", "privateMapKey", "请求视频", "权限"]),
'ERR_SERVER_CENTER_INVALID_PARAMETER': ("The room-entry parameter bussInfo is wrong.", 'bussinfo', ["businessInfo", "bussInfo", "进房参数"]),
'ERR_SERVER_CENTER_I_FRAME_UNKNOW_TYPE': ("I-frame request with unknown opType.", 'server', ["I frame", "I 帧"]),
'ERR_SERVER_CENTER_I_FRAME_INVALID_PACKET': ("I-frame request packet is malformed.", 'server', ["I frame", "I 帧", "包格式"]),
'ERR_SERVER_CENTER_I_FRAME_DEST_USER_NOT_EXIST': ("The target user of the I-frame request does not exist.", 'server', ["I frame", "I 帧", "目标用户"]),
'ERR_SERVER_CENTER_I_FRAME_ROOM_TOO_BIG': ("I-frame request: too many users in the room.", 'server', ["I frame", "I 帧", "房间用户太多"]),
'ERR_SERVER_CENTER_I_FRAME_RPS_INVALID_PARAMETER': ("I-frame request parameter error.", 'server', ["I frame", "RPS", "I 帧"]),
'ERR_SERVER_CENTER_INVALID_ROOM_ID': ("Invalid room number.", 'roomid', ["roomId", "房间号", "非法"]),
'ERR_SERVER_CENTER_ROOM_ID_TOO_LONG': ("The room number exceeds the limit.", 'roomid', ["roomId", "strRoomId", "房间号", "超过限制"]),
'ERR_SERVER_CENTER_ROOM_FULL': ("The room is full.", 'room_full', ["room full", "房间满员"]),
'ERR_SERVER_CENTER_DECODE_JSON_FAIL': ("Parsing the JSON string failed.", 'server', ["JSON", "json解析"]),
'ERR_SERVER_CENTER_UNKNOWN_SUB_CMD': ("Undefined command word.", 'server', ["unknown command", "命令字"]),
'ERR_SERVER_CENTER_INVALID_ROLE': ("Undefined role.", 'scene', ["role", "角色"]),
'ERR_SERVER_CENTER_REACH_PROXY_MAX': ("Proxy machines exceed the limit.", 'server', ["proxy", "代理机"]),
'ERR_SERVER_CENTER_RECORDID_STORE': ("The user-defined recordId could not be saved.", 'recordid', ["recordId", "userDefineRecordId", "录制"]),
'ERR_SERVER_CENTER_PB_SERIALIZE': ("Protobuf serialization error.", 'server', ["protobuf", "序列化"]),
'ERR_SERVER_SSO_SIG_EXPIRED': ("The sig has expired; try generating it again. If it expires right after being generated, check whether the validity period is too small or 0.", 'sig_expired', ["userSig expired", "sig", "签名过期", "userSig 过期"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_1': ("sig verification failed; check whether the sig content was truncated, e.g. because a buffer was too short.", 'sig', ["userSig", "sig verification", "校验失败", "截断"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_2': ("sig verification failed; check whether the sig content was truncated, e.g. because a buffer was too short.", 'sig', ["userSig", "sig verification", "校验失败", "截断"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_3': ("sig verification failed; use the tool to check that the generated sig is correct.", 'sig', ["userSig", "sig verification", "校验失败"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_4': ("sig verification failed; use the tool to check that the generated sig is correct.", 'sig', ["userSig", "sig verification", "校验失败"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_5': ("sig verification failed; use the tool to check that the generated sig is correct.", 'sig', ["userSig", "sig verification", "校验失败"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_6': ("sig verification failed; use the tool to check that the generated sig is correct.", 'sig', ["userSig", "sig verification", "校验失败"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_7': ("Verifying the sig with the application's public key failed; check that the private key used to generate the usersig belongs to the sdkAppId.", 'sig', ["userSig", "private key", "sdkAppId", "私钥", "公钥"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_FAILED_8': ("sig verification failed; use the tool to check that the generated sig is correct.", 'sig', ["userSig", "sig verification", "校验失败"]),
'ERR_SERVER_SSO_SIG_VERIFICATION_ID_NOT_MATCH': ("The identifier in the sig does not match the identifier in the request; check that the identifier used at login is the one in the sig.", 'userid', ["userId", "identifier", "userSig", "不匹配"]),
'ERR_SERVER_SSO_APPID_NOT_MATCH': ("The sdkAppId in the sig does not match the sdkAppId in the request; check that the sdkAppId used at login is the one in the sig.", 'appid', ["sdkAppId", "userSig", "不匹配"]),
'ERR_SERVER_SSO_VERIFICATION_EXPIRED': ("Internal third-party ticket verification timed out; retry, and if repeated retries fail, contact TLS account support, QQ 3268519604.", 'tls', ["ticket", "TLS", "票据", "超时"]),
'ERR_SERVER_SSO_VERIFICATION_FAILED': ("Internal third-party ticket verification timed out; retry, and if repeated retries fail, contact TLS account support, QQ 3268519604.", 'tls', ["ticket", "TLS", "票据"]),
'ERR_SERVER_SSO_APPID_NOT_FOUND': ("The sdkAppId was not found; check that it has been configured on Tencent Cloud.", 'sdkappid_cfg', ["sdkAppId", "not found", "未找到"]),
'ERR_SERVER_SSO_ACCOUNT_IN_BLACKLIST': ("The account has been blacklisted; contact TLS account support, QQ 3268519604.", 'blacklist', ["blacklist", "黑名单", "帐号"]),
'ERR_SERVER_SSO_SIG_INVALID': ("The usersig is no longer valid; generate it again and retry.", 'sig', ["userSig", "invalid", "失效"]),
'ERR_SERVER_SSO_LIMITED_BY_SECURITY': ("Restricted for security reasons.", 'generic', ["security", "安全", "限制"]),
'ERR_SERVER_SSO_INVALID_LOGIN_STATUS': ("The login state is invalid; authenticate again with the usersig.", 'login', ["login", "userSig", "登录状态"]),
'ERR_SERVER_SSO_APPID_ERROR': ("The sdkAppId is filled in wrongly.", 'appid', ["sdkAppId", "填写错误"]),
'ERR_SERVER_SSO_TICKET_VERIFICATION_FAILED': ("Ticket verification failed; check that all parameters are correct.", 'ticket', ["ticket", "票据", "校验失败"]),
'ERR_SERVER_SSO_TICKET_EXPIRED': ("Ticket verification failed because the ticket expired.", 'sig_expired', ["ticket expired", "票据", "过期"]),
'ERR_SERVER_SSO_ACCOUNT_EXCEED_PURCHASES': ("The number of accounts created exceeds the prepaid quantity purchased.", 'accounts', ["account limit", "账号数量", "预付费"]),
'ERR_SERVER_SSO_INTERNAL_ERROR': ("Server internal error; please retry.", 'generic', ["internal error", "服务器内部错误"]),
}
W = {
'WARNING_HW_ENCODER_START_FAIL': ("Starting the hardware encoder ran into a problem; switched to software encoding automatically.", 'w_auto', ["hardware encoder", "硬编码", "软编码"]),
'WARNING_VIDEO_ENCODER_SW_TO_HW': ("CPU usage is too high for software encoding; switched to hardware encoding automatically.", 'w_auto', ["CPU", "hardware encoding", "硬件编码", "CPU 使用率"]),
'WARNING_INSUFFICIENT_CAPTURE_FPS': ("The camera capture frame rate is insufficient; seen on some Android phones with built-in beauty algorithms.", 'w_generic', ["capture fps", "frame rate", "采集帧率"]),
'WARNING_SW_ENCODER_START_FAIL': ("Starting the software encoder failed.", 'w_generic', ["software encoder", "软编码"]),
'WARNING_REDUCE_CAPTURE_RESOLUTION': ("The camera capture resolution was lowered to best fit the current frame rate and performance.", 'w_auto', ["capture resolution", "采集分辨率"]),
'WARNING_VIDEO_FRAME_DECODE_FAIL': ("Decoding the current video frame failed.", 'w_decode', ["video decode", "视频帧解码失败"]),
'WARNING_AUDIO_FRAME_DECODE_FAIL': ("Decoding the current audio frame failed.", 'w_decode', ["audio decode", "音频帧解码失败"]),
'WARNING_VIDEO_PLAY_LAG': ("The current video playback is stuttering.", 'w_lag', ["video lag", "stutter", "卡顿"]),
'WARNING_HW_DECODER_START_FAIL': ("Starting the hardware decoder failed; software decoding is used.", 'w_auto', ["hardware decoder", "硬解", "软解码"]),
'WARNING_VIDEO_DECODER_HW_TO_SW': ("Hardware decoding of the current stream's first I-frame failed; the SDK switched to software decoding automatically.", 'w_auto', ["hardware decoding", "硬解", "软解"]),
'WARNING_SW_DECODER_START_FAIL': ("Starting the software decoder failed.", 'w_generic', ["software decoder", "软解码器"]),
'WARNING_VIDEO_RENDER_FAIL': ("Video rendering failed.", 'w_generic', ["render", "视频渲染失败"]),
'WARNING_AUDIO_RECORDING_WRITE_FAIL': ("Writing the audio recording to file failed.", 'w_rec', ["audio recording", "startAudioRecording", "音频录制"]),
'WARNING_ROOM_DISCONNECT': ("The network connection was lost.", 'w_reconnect', ["disconnect", "network", "网络断开"]),
'WARNING_IGNORE_UPSTREAM_FOR_AUDIENCE': ("The current role is audience; upstream audio/video data is ignored.", 'w_audience', ["audience", "switchRole", "观众", "上行"]),
'WARNING_NET_BUSY': ("Poor network: the upstream bandwidth is too small and uploading data is blocked.", 'w_up', ["network busy", "bandwidth", "上行带宽", "网络状况不佳"]),
'WARNING_RTMP_SERVER_RECONNECT': ("Live streaming: the network disconnected and automatic reconnection has started (it gives up after more than three consecutive failures).", 'w_rtmp', ["RTMP", "reconnect", "直播", "自动重连"]),
'WARNING_LIVE_STREAM_SERVER_RECONNECT': ("Live streaming: the network disconnected and automatic reconnection has started (it gives up after more than three consecutive failures).", 'w_rtmp', ["live stream", "reconnect", "直播", "自动重连"]),
'WARNING_RECV_DATA_LAG': ("Incoming packets are unstable: the downstream bandwidth may be insufficient, or the anchor's stream output is uneven.", 'w_down', ["receive lag", "downlink", "下行带宽", "来包不稳"]),
'WARNING_RTMP_DNS_FAIL': ("Live streaming: DNS resolution failed.", 'w_dns', ["RTMP", "DNS", "直播", "DNS 解析失败"]),
'WARNING_RTMP_SEVER_CONN_FAIL': ("Live streaming: connecting to the server failed.", 'w_rtmp', ["RTMP", "server connect", "直播", "服务器连接失败"]),
'WARNING_RTMP_SHAKE_FAIL': ("Live streaming: the handshake with the RTMP server failed.", 'w_rtmp', ["RTMP", "handshake", "直播", "握手失败"]),
'WARNING_RTMP_SERVER_BREAK_CONNECT': ("Live streaming: the server closed the connection.", 'w_rtmp', ["RTMP", "server disconnect", "直播", "服务器主动断开"]),
'WARNING_RTMP_READ_WRITE_FAIL': ("Live streaming: RTMP read/write failed; the connection will be closed.", 'w_rtmp', ["RTMP", "read write", "直播", "读写失败"]),
'WARNING_RTMP_WRITE_FAIL': ("Live streaming: RTMP write failed (an SDK-internal code that is not reported to the app).", 'w_internal', ["RTMP", "write", "直播", "写失败"]),
'WARNING_RTMP_READ_FAIL': ("Live streaming: RTMP read failed (an SDK-internal code that is not reported to the app).", 'w_internal', ["RTMP", "read", "直播", "读失败"]),
'WARNING_RTMP_NO_DATA': ("Live streaming: no data sent for more than 30 s; the connection is closed actively.", 'w_rtmp', ["RTMP", "no data", "直播", "没有数据发送"]),
'WARNING_PLAY_LIVE_STREAM_INFO_CONNECT_FAIL': ("Live streaming: the call to connect to the server failed (an SDK-internal code that is not reported to the app).", 'w_internal', ["live play", "connect", "直播"]),
'WARNING_NO_STEAM_SOURCE_FAIL': ("Live streaming: connection failed, the stream URL has no video (an SDK-internal code that is not reported to the app).", 'w_internal', ["no stream source", "直播", "流地址无视频"]),
'WARNING_ROOM_RECONNECT': ("The network disconnected; automatic reconnection has started.", 'w_reconnect', ["reconnect", "网络断连", "自动重连"]),
'WARNING_ROOM_NET_BUSY': ("Poor network: the upstream bandwidth is too small and uploading data is blocked.", 'w_up', ["network busy", "bandwidth", "上行带宽", "网络状况不佳"]),
}

# cross-family links
# -3301 is the same operation as web 0x4004 / 5400, not the same failure one to one (see ADV_ADD);
# the enter-room timeout is -3308, which 4.x reports as 0x4004 with extraCode 0 ("join room timeout").
# A refused permission is NotAllowedError in a browser: 4.x 0x1004, 5.x 5300 with extraCode 5302.
# -100013 is one server result code that native reports as errCode and 5.x as extraCode under 5400.
REL = {
 'ERR_ROOM_ENTER_FAIL': ["web4:0x4004", "web5:5400"],
 'ERR_ROOM_REQUEST_ENTER_ROOM_TIMEOUT': ["web4:0x4004"],
 'ERR_SERVER_INFO_SERVICE_SUSPENDED': ["web5:-100013"],
 'ERR_CAMERA_START_FAIL': ["web4:0x1004", "web5:5300"],
 'ERR_CAMERA_NOT_AUTHORIZED': ["web4:0x1004", "web5:5302"],
 'ERR_CAMERA_OCCUPY': ["web4:0x1004", "web5:5300"],
 'ERR_MIC_START_FAIL': ["web4:0x1004", "web5:5300"],
 'ERR_MIC_NOT_AUTHORIZED': ["web4:0x1004", "web5:5302"],
 'ERR_MIC_OCCUPY': ["web4:0x1004", "web5:5300"],
}
# Sentences appended to an entry's advice (en, zh): what a cross-family link does and does not mean.
ADV_ADD = {
 'ERR_ROOM_ENTER_FAIL': (" The web SDKs' room-entry failure (see Related) is the same operation, not the same failure one to one: when the server refuses entry, the native SDK reports the server's own result code as errCode, while the web SDKs carry it in getExtraCode() / extraCode; an enter-room timeout has its own native code, ERR_ROOM_REQUEST_ENTER_ROOM_TIMEOUT.",
                         "Web SDK 的进房失败（见相关错误码）是同一操作，但不是一一对应：服务端拒绝进房时，native SDK 直接以服务端的结果码作为 errCode，Web SDK 则把它放在 getExtraCode() / extraCode 里；进房超时在 native 有单独的错误码 ERR_ROOM_REQUEST_ENTER_ROOM_TIMEOUT。"),
}

SRC_LINK = {
 'ERR_ROOM_REQUEST_ENTER_ROOM_TIMEOUT': "; web4 link: trtc-js-sdk join() raises 0x4004 \"join room timeout\" when the join request gets no answer in 5 s (tests/fixtures/sdk/web4/raised.json)",
 'ERR_SERVER_INFO_SERVICE_SUSPENDED': "; web5 link: the same server result code, which trtc-sdk-v5 carries as extraCode -100013 (ACCOUNT_NO_MONEY) under 5400",
 'ERR_CAMERA_NOT_AUTHORIZED': "; web5 link: trtc-sdk-v5 maps the browser's NotAllowedError to extraCode 5302 under 5300 (convertFrom name table)",
 'ERR_MIC_NOT_AUTHORIZED': "; web5 link: trtc-sdk-v5 maps the browser's NotAllowedError to extraCode 5302 under 5300 (convertFrom name table)",
}
# SSO codes: trtc_code.js says they are the account system's positive codes made negative.
import tomllib
web4 = tomllib.load(open(ROOT + '/assets/catalog.toml', 'rb'))
web4_account = {e['code'] for e in web4['entry'] if e.get('category') == 'account'}
SSO_LINKED = []
for e in ex['errors']:
    if e['key'].startswith('ERR_SERVER_SSO_') and -e['value'] in web4_account:
        REL.setdefault(e['key'], []).append(f"web4:{-e['value']}")
        SSO_LINKED.append((e['key'], e['value']))

SRC_ADD = {
 'ERR_SERVER_INFO_PRIVILEGE_FLAG_ERROR': "; advice cites the official error-code page (cloud.tencent.com/document/product/647/63794)",
 'ERR_SERVER_INFO_ECDH_GET_TINYID': "; advice cites the official error-code page (cloud.tencent.com/document/product/647/63794)",
}

def q(s):
    return json.dumps(s, ensure_ascii=False)

def kw_from_key(key):
    k = re.sub(r'^(ERR_|WARNING_)', '', key)
    return k.lower().replace('_', ' ')

out = []
out.append("""# The trtc-errors catalog: native SDK error and warning codes (TXLiteAVError, TXLiteAVWarning)
# as shipped in the trtc-electron-sdk package on npm. Format: docs/catalog-format.md.
#
# description_zh is the Chinese comment that liteav/trtc_code.d.ts puts in front of each key, quoted
# byte for byte (the /** */ markers and surrounding spaces removed; see scripts/extract/native.mjs).
# code is the value in liteav/trtc_code.js (the d.ts types every key as `number`).
# description_en, advice_en and advice_zh are our own words.
# Extracted data: tests/fixtures/sdk/native/extract.json (rerun: node scripts/extract/native.mjs).
""")
count = {'error': 0, 'warning': 0}
for cat, items, table, enum in (('error', ex['errors'], E, 'TXLiteAVError'), ('warning', ex['warnings'], W, 'TXLiteAVWarning')):
    assert set(table) == {e['key'] for e in items}, (set(table) ^ {e['key'] for e in items})
    out.append(f"\n# ---- {enum} ----\n")
    for e in items:
        en, grp, kws = table[e['key']]
        adv_en, adv_zh = A[grp]
        if e['key'] in ADV_ADD:
            adv_en, adv_zh = adv_en + ADV_ADD[e['key']][0], adv_zh + ADV_ADD[e['key']][1]
        assert e['comment_zh'] is not None
        kw = [kw_from_key(e['key'])] + [k for k in kws if k.lower() != kw_from_key(e['key'])]
        seen = set(); kw = [k for k in kw if not (k in seen or seen.add(k))]
        lines = ["[[entry]]", 'family = "native"', f'category = "{cat}"', f"code = {e['value']}", f"key = {q(e['key'])}",
                 f"description_zh = {q(e['comment_zh'])}", f"description_en = {q(en)}",
                 f"advice_zh = {q(adv_zh)}", f"advice_en = {q(adv_en)}",
                 "keywords = [" + ", ".join(q(k) for k in kw) + "]"]
        if e['key'] in REL:
            lines.append("related = [" + ", ".join(q(r) for r in REL[e['key']]) + "]")
        lines.append(f"doc_url = {q(DOC)}")
        src = f"trtc-electron-sdk@{VER} on npm: liteav/trtc_code.d.ts ({enum}); description_zh quoted verbatim from the d.ts comment; code from liteav/trtc_code.js"
        if e['key'].startswith('ERR_SERVER_SSO_') and e['key'] in REL:
            src += "; web4 link: trtc_code.js says SSO account codes are the positive codes made negative"
        src += SRC_ADD.get(e['key'], '') + SRC_LINK.get(e['key'], '')
        lines.append(f"source = {q(src)}")
        out.append("\n".join(lines) + "\n\n")
        count[cat] += 1
open(ROOT + '/assets/native.toml', 'w', encoding='utf-8').write("".join(out).rstrip("\n") + "\n")
print(count, 'sso linked', len(SSO_LINKED), SSO_LINKED)
