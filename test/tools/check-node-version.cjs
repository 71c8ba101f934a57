// Runs as `preinstall`, before any dependency is installed, so it must work on old Node versions:
// plain CommonJS, no syntax newer than ES2015.
'use strict';
var required = [22, 12];
var parts = process.versions.node.split('.').map(Number);
var ok = parts[0] > required[0] || (parts[0] === required[0] && parts[1] >= required[1]);
if (!ok) {
  console.error(
    'options-workstation needs Node.js >= ' + required.join('.') + ' (Node 24 LTS recommended, see .nvmrc); ' +
      'this is Node ' + process.versions.node + '. Install it with: npm install -g --prefix /usr/local node@24'
  );
  process.exit(1);
}
