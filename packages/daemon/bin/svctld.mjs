#!/usr/bin/env node
import "../dist/svctld.mjs";
