// Listen for results on the socket, as the seed's "Websocket" section does, against a running
// `pnpm demo`. Usage: node apps/demo/examples/listen.mjs [path/to/demo.json]
import { readFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const demo = JSON.parse(readFileSync(process.argv[2] ?? '.federa/demo/demo.json', 'utf8'));
const { api_url: api, server_url: url, collaboration, organizations } = demo;
const alice = demo.users[0];

const post = async (path, body, token) => {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
};
const get = async (path, token) =>
  (await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();

const { access_token } = await post('/token/user', {
  username: alice.username,
  password: alice.password,
});

// The seed's client: Authorization header, namespace /tasks, join_room collaboration_<id>.
const socket = io(`${url}/tasks`, { extraHeaders: { Authorization: `Bearer ${access_token}` } });
await new Promise((resolve, reject) => socket.on('connect', resolve).on('connect_error', reject));
console.log(await socket.emitWithAck('join_room', `collaboration_${collaboration.id}`));

const task = await post(
  '/task',
  {
    name: 'listen example',
    image: 'federa/summary',
    collaboration_id: collaboration.id,
    organization_ids: [organizations[0].id],
    databases: ['health'],
    input: {
      method: 'central',
      args: { organizations: organizations.map((o) => o.id), columns: ['age'] },
    },
  },
  access_token,
);
console.log(`task ${task.id} created`);

socket.on('status_update', async (resultId) => {
  const result = await get(`/result/${resultId}`, access_token);
  console.log(`status_update: result ${resultId} of task ${result.task_id} is ${result.status}`);
});
socket.on('task_status', async (event) => {
  if (event.task_id !== task.id || !event.complete) return;
  const [result] = await get(`/task/${task.id}/result`, access_token);
  console.log('result:', result.result);
  socket.close();
});
