#include "src/view/viewer_script.h"

namespace toolshift {

const char* ViewerStyle() {
  return R"(<style>
body{font:14px/1.4 system-ui,sans-serif;margin:20px;color:#222;max-width:1360px}
#filters label{margin-right:14px;display:inline-block}
#filters select,#filters input{margin-left:4px;max-width:260px}
table{border-collapse:collapse;margin:8px 0}
th,td{padding:3px 8px;border-bottom:1px solid #e2e2e2;text-align:left;white-space:nowrap;vertical-align:top}
th{background:#f4f4f4}
#list tbody tr{cursor:pointer}#list tbody tr:hover{background:#f0f6ff}
#list td{max-width:320px;overflow:hidden;text-overflow:ellipsis}
tr.open{background:#e4eefc}
.ok{color:#1f7a3f}.bad{color:#b02a2a}
#detail{display:flex;gap:16px;align-items:flex-start;margin:12px 0}
#close{float:right}
.panel{flex:1 1 0;min-width:0;border:1px solid #ddd;border-radius:4px;padding:8px 12px}
.panel h3{margin:4px 0 8px;word-break:break-all}
.panel h4{margin:12px 0 4px}
pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:6px 8px;margin:4px 0;max-height:420px;overflow:auto}
.role{font-size:12px;color:#555;font-weight:600}
.badge{display:inline-block;background:#eee;border-radius:3px;padding:0 5px;margin:0 4px 4px 0;font-size:12px}
.step{border-left:3px solid #ccc;padding-left:8px;margin:8px 0}
button{margin:2px}
</style>)";
}

const char* ViewerScript() {
  return R"JS(<script>
(function(){
'use strict';
var D = JSON.parse(document.getElementById('data').textContent);
var T = D.texts, E = D.episodes, PAGE = 100;
function text(v){ return (v && typeof v === 'object' && typeof v.t === 'number') ? T[v.t] : v; }
function epoch(e){ return e.epoch || 0; }
function key(e){ return e.suite + '/' + e.id + (epoch(e) ? '@' + epoch(e) : ''); }
function verdict(e){ return e.correct ? 'none' : (e.failure || 'unknown'); }
function sigNames(e){ return (e.signatures || []).map(function(s){ return s && s.name; }).filter(Boolean); }
var FILTERS = [
  ['split', 'split', function(e){ return [e.split || '']; }],
  ['suite', 'suite', function(e){ return [e.suite]; }],
  ['kind', 'shift kind', function(e){ return [e.shift || '(none)']; }],
  ['failure', 'failure', function(e){ return [verdict(e)]; }],
  ['sig', 'signature', function(e){ var s = sigNames(e); return s.length ? s : ['(none)']; }]
];
var byKey = {}, base = {}, shifted = {};
E.forEach(function(e, i){
  byKey[key(e)] = i;
  if (e.split === 'id') { var b = e.id + '@' + epoch(e); if (!(b in base)) base[b] = i; }
  if (e.base_id) { var s = e.base_id + '@' + epoch(e); (shifted[s] = shifted[s] || []).push(i); }
});
// A shifted episode's twin is its in-distribution base; an in-distribution episode has every
// shifted episode made from it.
function twinsOf(i){
  var e = E[i];
  if (e.base_id) { var b = base[e.base_id + '@' + epoch(e)]; return b === undefined ? [] : [b]; }
  return shifted[e.id + '@' + epoch(e)] || [];
}
function readState(){
  var s = {};
  location.hash.replace(/^#/, '').split('&').forEach(function(p){
    if (!p) return;
    var i = p.indexOf('='), k = i < 0 ? p : p.slice(0, i), v = i < 0 ? '' : p.slice(i + 1);
    try { s[decodeURIComponent(k)] = decodeURIComponent(v); } catch (err) {}
  });
  return s;
}
function writeState(s){
  var parts = [];
  Object.keys(s).forEach(function(k){ if (s[k] !== '' && s[k] !== undefined) parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(s[k])); });
  location.hash = parts.join('&');
}
function update(changes){
  var s = readState();
  Object.keys(changes).forEach(function(k){ s[k] = changes[k]; });
  writeState(s);
}
function el(tag, attrs, children){
  var n = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function(k){ n.setAttribute(k, attrs[k]); });
  (children || []).forEach(function(c){ n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return n;
}
function pre(v){ return el('pre', {}, [typeof v === 'string' ? v : JSON.stringify(v, null, 2)]); }
function matches(e, s){
  for (var f = 0; f < FILTERS.length; ++f) {
    var want = s[FILTERS[f][0]];
    if (want && FILTERS[f][2](e).indexOf(want) < 0) return false;
  }
  return !s.q || key(e).toLowerCase().indexOf(s.q.toLowerCase()) >= 0;
}

function renderMeta(){
  var m = D.meta, parts = [m.source, m.episodes + ' episodes'];
  if (m.model) parts.unshift('model ' + m.model);
  if (m.name) parts.unshift(String(m.name));
  if (m.started_at) parts.push('started ' + m.started_at);
  if (m.toolshift_version) parts.push('toolshift ' + m.toolshift_version);
  if (m.labels && typeof m.labels === 'object') Object.keys(m.labels).forEach(function(k){ parts.push(k + '=' + m.labels[k]); });
  document.getElementById('meta').textContent = parts.join(' · ');
}
function renderFilters(s){
  var box = document.getElementById('filters');
  box.textContent = '';
  FILTERS.forEach(function(f){
    var counts = {};
    E.forEach(function(e){ f[2](e).forEach(function(v){ counts[v] = (counts[v] || 0) + 1; }); });
    var sel = el('select', {'id': 'filter-' + f[0]}, [el('option', {'value': ''}, ['(all)'])]);
    Object.keys(counts).sort().forEach(function(v){
      var o = el('option', {'value': v}, [v + ' (' + counts[v] + ')']);
      if (s[f[0]] === v) o.selected = true;
      sel.appendChild(o);
    });
    sel.addEventListener('change', function(){ var c = {page: ''}; c[f[0]] = sel.value; update(c); });
    box.appendChild(el('label', {}, [f[1], sel]));
  });
  var q = el('input', {'id': 'filter-q', 'type': 'search', 'placeholder': 'suite/id contains'});
  q.value = s.q || '';
  q.addEventListener('change', function(){ update({q: q.value, page: ''}); });
  box.appendChild(el('label', {}, ['search', q]));
}
function renderList(s){
  var hits = [];
  E.forEach(function(e, i){ if (matches(e, s)) hits.push(i); });
  var pages = Math.max(1, Math.ceil(hits.length / PAGE));
  var page = Math.min(pages, Math.max(1, parseInt(s.page || '1', 10) || 1));
  var count = document.getElementById('count');
  count.textContent = hits.length + ' of ' + E.length + ' episodes match';
  count.setAttribute('data-count', String(hits.length));
  var body = document.querySelector('#list tbody');
  body.textContent = '';
  hits.slice((page - 1) * PAGE, page * PAGE).forEach(function(i){
    var e = E[i], v = verdict(e);
    var tr = el('tr', {'data-key': key(e)}, [
      el('td', {}, [e.suite]), el('td', {}, [e.id + (epoch(e) ? ' @' + epoch(e) : '')]), el('td', {}, [e.split || '']),
      el('td', {}, [e.shift || '']), el('td', {}, [e.category || '']),
      el('td', {'class': v === 'none' ? 'ok' : 'bad'}, [v === 'none' ? 'correct' : v]), el('td', {}, [sigNames(e).join(' ')])]);
    if (s.open === key(e)) tr.className = 'open';
    tr.addEventListener('click', function(){ update({open: key(e), twin: ''}); });
    body.appendChild(tr);
  });
  var pager = document.getElementById('pager');
  pager.textContent = '';
  var prev = el('button', {}, ['previous']), next = el('button', {}, ['next']);
  prev.disabled = page <= 1; next.disabled = page >= pages;
  prev.addEventListener('click', function(){ update({page: String(page - 1)}); });
  next.addEventListener('click', function(){ update({page: String(page + 1)}); });
  pager.appendChild(prev);
  pager.appendChild(el('span', {'id': 'page'}, [' page ' + page + ' of ' + pages + ' ']));
  pager.appendChild(next);
}
function messages(list){
  var out = el('div', {});
  (list || []).forEach(function(m){
    if (!m || typeof m !== 'object') return;
    out.appendChild(el('div', {'class': 'role'}, [String(m.role || '')]));
    var c = text(m.content);
    if (c !== undefined && c !== null && c !== '') out.appendChild(pre(c));
    if (m.tool_calls) out.appendChild(pre(m.tool_calls));
  });
  return out;
}
var SHOWN = ['suite', 'id', 'split', 'shift', 'category', 'dialect', 'domain', 'correct', 'failure', 'detail', 'signatures',
             'prompt', 'output', 'parse', 'outputs', 'steps', 'trajectory', 'state_diff', 'turns', 'error_type',
             'backend_error', 'wrong_dialect', 'other_dialect_correct', 'base_id', 'epoch', 'user_turns'];
function panel(i, title){
  var e = E[i], v = verdict(e), p = el('div', {'class': 'panel', 'data-key': key(e)});
  p.appendChild(el('div', {'class': 'role'}, [title]));
  p.appendChild(el('h3', {}, [key(e)]));
  [e.split, e.shift, e.category, e.dialect, e.domain].forEach(function(b){ if (b) p.appendChild(el('span', {'class': 'badge'}, [String(b)])); });
  p.appendChild(el('h4', {}, ['Verdict']));
  p.appendChild(el('div', {'class': 'verdict ' + (v === 'none' ? 'ok' : 'bad')}, [v === 'none' ? 'correct' : 'failed: ' + v]));
  if (e.detail) p.appendChild(pre(String(e.detail)));
  if (e.error_type) p.appendChild(el('div', {}, ['BFCL error type: ' + e.error_type]));
  if (e.backend_error) p.appendChild(pre(e.backend_error));
  if (e.wrong_dialect) p.appendChild(el('div', {}, ['wrong dialect: ' + JSON.stringify(e.wrong_dialect) +
      (e.other_dialect_correct !== undefined ? ', right in that dialect: ' + e.other_dialect_correct : '')]));
  if (e.signatures && e.signatures.length) {
    p.appendChild(el('h4', {}, ['Signatures']));
    e.signatures.forEach(function(s){ p.appendChild(el('div', {'class': 'signature'}, [String(s.name) + (s.evidence ? ': ' + s.evidence : '')])); });
  }
  p.appendChild(el('h4', {}, ['Prompt']));
  p.appendChild(messages(e.prompt));
  if (e.output) {
    p.appendChild(el('h4', {}, ['Raw reply']));
    p.appendChild(messages([e.output]));
  }
  if (e.parse) {
    p.appendChild(el('h4', {}, ['Parsed calls' + (e.parse.status ? ' (' + e.parse.status + ')' : '')]));
    p.appendChild(pre(e.parse.calls || e.parse));
  }
  if (e.steps) {
    p.appendChild(el('h4', {}, ['Steps']));
    var outs = e.outputs || [];
    e.steps.forEach(function(st, k){
      var box = el('div', {'class': 'step'}, [el('div', {'class': 'role'}, ['step ' + (k + 1) + (st.turn !== undefined ? ' · turn ' + st.turn : '') +
          (st.kind ? ' · ' + st.kind : '') + (st.verdict ? ' · ' + st.verdict : '')])]);
      if (st.user !== undefined) {  // what the user said just before (a follow-up or a simulated user)
        box.appendChild(el('div', {'class': 'role'}, ['user']));
        box.appendChild(pre([].concat(st.user).join('\n')));
      }
      if (outs.length === e.steps.length && outs[k]) box.appendChild(messages([outs[k]]));
      (st.calls || []).forEach(function(c){
        box.appendChild(el('div', {}, ['call ' + c.name]));
        box.appendChild(pre(c.arguments));
        var result = c.result_ref !== undefined ? D.values[c.result_ref] : c.result;
        if (result !== undefined) { box.appendChild(el('div', {'class': 'role'}, ['observation'])); box.appendChild(pre(result)); }
      });
      if (st.answer !== undefined) box.appendChild(pre(String(st.answer)));
      if (st.detail) box.appendChild(el('div', {'class': 'bad'}, [String(st.detail)]));
      p.appendChild(box);
    });
    if (outs.length !== e.steps.length && outs.length) { p.appendChild(el('h4', {}, ['Replies'])); p.appendChild(messages(outs)); }
  }
  if (e.user_turns && e.user_turns.length) {
    p.appendChild(el('h4', {}, ['Simulated user (' + e.user_turns.length + ' turns)']));
    e.user_turns.forEach(function(u, k){ p.appendChild(el('div', {'class': 'role'}, ['user turn ' + (k + 1)])); p.appendChild(pre(String(u))); });
  }
  if (e.trajectory) { p.appendChild(el('h4', {}, ['Trajectory'])); p.appendChild(pre(e.trajectory)); }
  if (e.state_diff) { p.appendChild(el('h4', {}, ['State diff'])); p.appendChild(el('div', {'class': 'state-diff'}, [pre((e.state_diff || []).join ? e.state_diff.join('\n') : e.state_diff)])); }
  if (e.turns) { p.appendChild(el('h4', {}, ['Turns'])); p.appendChild(pre(e.turns)); }
  var rest = {};
  Object.keys(e).forEach(function(k){ if (SHOWN.indexOf(k) < 0) rest[k] = e[k]; });
  p.appendChild(el('h4', {}, ['Other fields']));
  p.appendChild(pre(rest));
  return p;
}
function renderDetail(s){
  var box = document.getElementById('detail');
  box.textContent = '';
  if (!s.open || !(s.open in byKey)) return;
  var i = byKey[s.open], twins = twinsOf(i);
  var close = el('button', {'id': 'close'}, ['close']);
  close.addEventListener('click', function(){ update({open: '', twin: ''}); });
  var main = panel(i, 'episode');
  main.insertBefore(close, main.firstChild);
  box.appendChild(main);
  if (!twins.length) { box.appendChild(el('div', {'class': 'panel twin-none'}, ['No paired twin in this log.'])); return; }
  var t = twins[0];
  if (s.twin && (s.twin in byKey) && twins.indexOf(byKey[s.twin]) >= 0) t = byKey[s.twin];
  var head = panel(t, E[i].base_id ? 'in-distribution twin' : 'shifted twin (' + twins.length + ')');
  if (twins.length > 1) {
    var pick = el('div', {'class': 'twins'});
    twins.forEach(function(j){
      var b = el('button', {}, [E[j].shift || key(E[j])]);
      b.addEventListener('click', function(){ update({twin: key(E[j])}); });
      pick.appendChild(b);
    });
    head.insertBefore(pick, head.children[2]);
  }
  head.className = 'panel twin';
  box.appendChild(head);
}
function render(){
  var s = readState();
  renderFilters(s);
  renderList(s);
  renderDetail(s);
}
renderMeta();
window.addEventListener('hashchange', render);
render();
})();
</script>)JS";
}

}  // namespace toolshift
