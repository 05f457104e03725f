// An unchanged-style pm2 ecosystem file: svctl loads it as is (`svctl start examples/ecosystem.config.js`,
// or `--env production` to apply env_production). CommonJS because examples/package.json says so.
// Keys svctl has no use for (vizion, pmx, watch: false) are accepted and ignored, as with pm2.
const path = require('path');

module.exports = {
  apps: [
    {
      name: 'web',
      // `npm start` runs web/server.js (see web/package.json).
      script: 'npm',
      args: 'start',
      cwd: path.join(__dirname, 'web'),
      instances: '1', // strings are parsed as numbers, like pm2 does
      exec_mode: 'fork',
      watch: false,
      autorestart: true,
      max_restarts: 10,
      min_uptime: '5s',
      kill_timeout: 3000,
      out_file: path.join(__dirname, 'logs', 'web-out.log'),
      error_file: path.join(__dirname, 'logs', 'web-err.log'),
      merge_logs: true,
      log_date_format: 'YYYY-MM-DD HH:mm:ss',
      vizion: false, // pm2: git metadata lookups; ignored
      pmx: false, // pm2: @pm2/io injection; ignored
      env: {
        NODE_ENV: 'development',
        PORT: 3100,
      },
      env_production: {
        NODE_ENV: 'production',
        PORT: 3101,
      },
    },
  ],

  // Read by `svctl deploy ecosystem.config.js production` (docs/deploy.md), as by `pm2 deploy`; `svctl start` leaves it alone.
  deploy: {
    production: {
      user: 'node',
      host: 'example.com',
      ref: 'origin/main',
      repo: 'git@example.com:x.git',
      path: '/srv/web',
      'post-deploy': 'npm ci && pm2 reload ecosystem.config.js --env production',
    },
  },
};
