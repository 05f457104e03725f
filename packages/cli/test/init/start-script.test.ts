import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapStartScript, NPM_START } from '../../src/init/start-script.js';

describe('svctl init: package.json start script → app keys', () => {
  it('a node command runs directly, its node options in node_args and the rest in args', () => {
    assert.deepEqual(mapStartScript('node server.js'), { keys: { script: 'server.js' }, via: 'direct' });
    assert.deepEqual(mapStartScript('node --enable-source-maps -r dotenv/config dist/main.js --port 3000'), {
      keys: { script: 'dist/main.js', node_args: ['--enable-source-maps', '-r', 'dotenv/config'], args: ['--port', '3000'] },
      via: 'direct',
    });
  });

  it('a script file, a TypeScript runner or python runs directly', () => {
    assert.deepEqual(mapStartScript('./bin/www.js'), { keys: { script: './bin/www.js' }, via: 'direct' });
    assert.deepEqual(mapStartScript('tsx src/index.ts'), { keys: { script: 'src/index.ts' }, via: 'direct' });
    assert.deepEqual(mapStartScript('python3 app.py --debug'), { keys: { script: 'app.py', interpreter: 'python3', args: ['--debug'] }, via: 'direct' });
  });

  it('anything a shell or a tool must run goes through npm start', () => {
    for (const command of ['node build.js && node server.js', 'NODE_ENV=production node server.js', 'next start', 'node -e "require(1)"', 'nodemon server.js', 'node --inspect', 'node "my app.js"', '']) {
      assert.deepEqual(mapStartScript(command), NPM_START, command);
    }
  });
});
