/** The dev-only pages of the gateway: persona login and the subscribe-message outbox. */
import type { Persona } from '../seed/data'
import type { OutboxEntry } from '../wechat'

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const shell = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
  :root { --green:#07c160; --text:#191919; --muted:#888; --bg:#f7f7f7; --card:#fff; }
  body { margin:0; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; background:var(--bg); color:var(--text); }
  header { background:#fff; padding:20px 16px 12px; border-bottom:1px solid #eee; }
  h1 { font-size:20px; margin:0 0 4px; } header p { margin:0; color:var(--muted); font-size:14px; }
  ul { list-style:none; margin:12px; padding:0; }
  li { background:var(--card); border-radius:12px; margin-bottom:10px; }
  button.persona { all:unset; box-sizing:border-box; display:flex; width:100%; padding:14px 16px; gap:12px; align-items:center; cursor:pointer; }
  .avatar { width:44px; height:44px; border-radius:8px; background:var(--green); color:#fff; display:flex; align-items:center; justify-content:center; font-size:18px; flex:none; }
  .name { font-size:17px; } .role { font-size:12px; color:var(--green); border:1px solid var(--green); border-radius:4px; padding:0 4px; margin-left:6px; }
  .desc { font-size:13px; color:var(--muted); margin-top:2px; }
  footer { color:var(--muted); font-size:12px; padding:8px 16px 24px; }
  a { color:#576b95; }
  pre { white-space:pre-wrap; font-size:12px; margin:0; padding:12px 16px; }
</style></head><body>${body}</body></html>`

export function loginPage(personas: Persona[], community: string): string {
  const items = personas
    .map(
      (p) => `<li><button class="persona" data-openid="${esc(p.openid)}" id="persona-${esc(p.openid)}">
  <span class="avatar">${esc(p.name.slice(0, 1))}</span>
  <span><span class="name">${esc(p.name)}</span><span class="role">${esc(p.label)}</span>
  <div class="desc">${esc(p.description)}</div></span></button></li>`,
    )
    .join('\n')
  return shell(
    '选择身份 · 厝边议事厅（本地开发）',
    `<header><h1>选择一个身份进入</h1><p>本地开发环境：${esc(community)}的示例人物。正式版由微信身份自动登录。</p></header>
<ul>${items}</ul>
<footer>订阅消息不会真的发出，可在 <a href="/dev/outbox">消息发件箱</a> 查看。</footer>
<script>
  document.querySelectorAll('button.persona').forEach(function (b) {
    b.addEventListener('click', function () {
      localStorage.setItem('devOpenid', b.dataset.openid);
      localStorage.removeItem('communityId');
      localStorage.removeItem('memberId');
      location.href = '/';
    });
  });
</script>`,
  )
}

export function outboxPage(entries: OutboxEntry[]): string {
  const rows = entries
    .slice()
    .reverse()
    .map((e) => `<li><pre>${esc(JSON.stringify(e, null, 2))}</pre></li>`)
    .join('\n')
  return shell(
    '订阅消息发件箱（本地开发）',
    `<header><h1>订阅消息发件箱</h1><p>共 ${entries.length} 条；正式环境中它们由微信下发。</p></header>
<ul>${rows || '<li><pre>暂无消息</pre></li>'}</ul><footer><a href="/dev/login">返回选择身份</a></footer>`,
  )
}
