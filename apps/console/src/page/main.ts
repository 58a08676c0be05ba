import { api, type ServerView, type ToolView } from './api.js';
import { appendLog, renderDetail } from './serverDetail.js';
import { renderServers } from './serverList.js';

// The page: the fleet on the left, live over server-sent events; the selected server's tools, form and logs.
const serversEl = document.getElementById('servers') as HTMLElement;
const detailEl = document.getElementById('detail') as HTMLElement;
const titleEl = document.getElementById('detail-title') as HTMLElement;
const liveEl = document.getElementById('live') as HTMLElement;

let servers: ServerView[] = [];
let tools: ToolView[] = [];
let selected: string | undefined;

const drawServers = () => renderServers(serversEl, servers, selected, (name) => void select(name));

async function select(name: string): Promise<void> {
  selected = name;
  drawServers();
  titleEl.textContent = name;
  const [toolList, logs] = await Promise.all([api.tools(), api.logs(name)]);
  tools = toolList;
  if (selected === name) renderDetail(detailEl, name, tools, logs);
}

const events = api.events();
events.addEventListener('open', () => {
  liveEl.textContent = 'live';
});
events.addEventListener('error', () => {
  liveEl.textContent = 'reconnecting…';
});
events.addEventListener('state', (e) => {
  servers = JSON.parse((e as MessageEvent<string>).data) as ServerView[];
  drawServers();
});
events.addEventListener('log', (e) => {
  const entry = JSON.parse((e as MessageEvent<string>).data) as { server: string };
  if (entry.server === selected) appendLog(detailEl, entry as never);
});
events.addEventListener('tools', (e) => {
  const { server } = JSON.parse((e as MessageEvent<string>).data) as { server: string };
  // The form is redrawn only when the selected server's tools change and nothing is being typed in it.
  if (server === selected && !detailEl.contains(document.activeElement)) void select(server);
});
