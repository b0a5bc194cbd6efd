#!/usr/bin/env node
/*
 * Desk asset build for huifang on the monoframe engine (a PyPI fork of Frappe v16).
 *
 * The monoframe wheel ships the Desk sources (public/js/*.bundle.js, .vue, .html
 * templates, scss) but no build pipeline; this script is ours.  It bundles every
 * `*.bundle.{js,scss,css}` entry of the engine and of the apps under <repo>/apps with
 * esbuild, plus three small plugins of our own: Vue 3 SFCs (vue/compiler-sfc), sass, and
 * Frappe's `.html` template convention.
 *
 * WHERE THE ENGINE READS THE OUTPUT (monoframe, checked in the installed wheel):
 *   - monoframe/utils/__init__.py  get_assets_json(): monoframe.read_file("assets/assets.json")
 *     (+ optional "assets/assets-rtl.json"), a path RELATIVE TO THE PROCESS CWD.  The result is
 *     cached under the shared cache key "assets_json" (monoframe/cache_manager.py
 *     bench_cache_keys) unless developer_mode is on, so after a rebuild that key must be cleared.
 *   - monoframe/utils/jinja_globals.py bundled_asset()/include_script()/include_style():
 *     any path containing ".bundle." and not starting with "/assets" is looked up in that
 *     manifest by its bare file name ("desk.bundle.js", "desk.bundle.css", ...).
 *   - public/js/frappe/assets.js monoframe.assets.bundled_asset(): the same lookup in the
 *     browser, from monoframe.boot.assets_json (monoframe/sessions.py get_bootinfo).
 *   - monoframe/utils/__init__.py get_build_version(): mtime of <cwd>/assets/assets.json.
 *   - monoframe/app.py application_with_statics() (used by `monoframe start` / serve()):
 *     SharedDataMiddleware maps URL /assets -> os.path.join(os.getcwd(), "assets").
 *   So the server's working directory must be the PARENT of the --out directory
 *   (default <repo>/sites/assets -> run the server with cwd <repo>/sites).
 *
 * OUTPUT LAYOUT (--out DIR, default <repo>/sites/assets):
 *   DIR/assets.json                      {"desk.bundle.js": "/assets/monoframe/dist/js/desk.bundle.<hash>.js", ...}
 *   DIR/<app>/dist/js/*.bundle.<hash>.js JS bundles (+ the CSS their Vue/CSS imports produce)
 *   DIR/<app>/dist/css/*.bundle.<hash>.css  stylesheet bundles (+ fonts/images under dist/css/assets)
 *   DIR/<app>/<entry>                    symlink to each top-level entry of the app's public/ folder
 *                                        (so /assets/huifang/js/huifang.js is served as-is)
 *   DIR/monoframe/node_modules/          symlinks into our node_modules for the libraries the
 *                                        engine loads at run time (ace, html5-qrcode, qz-tray, ...)
 *   DIR/frappe -> monoframe              so "/assets/frappe/..." URLs written for Frappe also work
 *   DIR/.desk-assets-stamp.json          input hash of the last build ("assets up to date" check)
 *   Not produced: assets-rtl.json / rtl_*.css (Frappe's right-to-left CSS for ar, he, fa, ps).
 *
 * The build is skipped when nothing that decides the output changed: this file, package-lock.json,
 * node/esbuild/sass versions, the options, the list of files under each app's public/, and the
 * content of every source file the previous build read (recorded in the stamp).  A failed build
 * leaves the previous output untouched and exits 1.
 *
 * Usage: node build.mjs --python <python> [--out DIR] [--force] [--dev] [--verbose]
 *   (PYTHON in the environment works in place of --python)
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import * as esbuild from "esbuild";
import * as sass from "sass";
import { compileScript, compileStyleAsync, compileTemplate, parse as parseSFC } from "vue/compiler-sfc";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const NM = path.join(HERE, "node_modules");
const STAMP = ".desk-assets-stamp.json";

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
	const opts = { python: process.env.PYTHON || "", out: "", force: false, dev: false, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const val = () => {
			if (i + 1 >= argv.length) fail(`${a} needs a value`);
			return argv[++i];
		};
		if (a === "--python") opts.python = val();
		else if (a.startsWith("--python=")) opts.python = a.slice(9);
		else if (a === "--out") opts.out = val();
		else if (a.startsWith("--out=")) opts.out = a.slice(6);
		else if (a === "--force") opts.force = true;
		else if (a === "--dev") opts.dev = true;
		else if (a === "--verbose") opts.verbose = true;
		else if (a === "-h" || a === "--help") {
			console.log("usage: node build.mjs --python <python> [--out DIR] [--force] [--dev] [--verbose]");
			process.exit(0);
		} else fail(`unknown argument: ${a}`);
	}
	if (!opts.python) fail("--python <python interpreter with monoframe installed> is required");
	opts.out = path.resolve(opts.out || path.join(REPO, "sites", "assets"));
	return opts;
}

function fail(msg) {
	console.error(`desk_assets: ${msg}`);
	process.exit(2);
}

// ---------------------------------------------------------------- apps and entry points
function enginePackageDir(python) {
	try {
		const out = execFileSync(python, ["-c", "import monoframe,os;print(os.path.dirname(monoframe.__file__))"], {
			encoding: "utf8",
			stdio: ["ignore", "pipe", "pipe"],
		});
		return out.trim().split("\n").pop();
	} catch (e) {
		fail(`cannot import monoframe with ${python}: ${(e.stderr || e.message || "").toString().trim()}`);
	}
}

/** [{name, pkgDir, publicDir}]: the engine first, then every app under <repo>/apps/<x>/<x>. */
function discoverApps(engineDir) {
	const apps = [{ name: "monoframe", pkgDir: engineDir, publicDir: path.join(engineDir, "public") }];
	const appsRoot = path.join(REPO, "apps");
	if (fs.existsSync(appsRoot)) {
		for (const d of fs.readdirSync(appsRoot).sort()) {
			const pkgDir = path.join(appsRoot, d, d);
			if (fs.existsSync(path.join(pkgDir, "hooks.py"))) {
				apps.push({ name: d, pkgDir, publicDir: path.join(pkgDir, "public") });
			}
		}
	}
	return apps;
}

const SKIP_DIRS = new Set(["node_modules", "dist", ".git", "__pycache__"]);
function walk(dir, acc = []) {
	if (!fs.existsSync(dir)) return acc;
	for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
		if (SKIP_DIRS.has(ent.name)) continue;
		const p = path.join(dir, ent.name);
		if (ent.isDirectory()) walk(p, acc);
		else if (ent.isFile()) acc.push(p);
	}
	return acc;
}

function findEntries(app) {
	const files = walk(app.publicDir).sort();
	return {
		js: files.filter((f) => /\.bundle\.(js|ts)$/.test(f)),
		css: files.filter((f) => /\.bundle\.(scss|css|sass)$/.test(f)),
	};
}

// ---------------------------------------------------------------- resolution helpers
const JS_EXTS = ["", ".js", ".mjs", ".vue", ".ts", ".json", "/index.js", "/index.mjs"];
const SASS_EXTS = ["", ".scss", ".sass", ".css", "/index.scss", "/_index.scss"];

function isFile(p) {
	try {
		return fs.statSync(p).isFile();
	} catch {
		return false;
	}
}

function firstExisting(base, exts) {
	for (const e of exts) if (isFile(base + e)) return base + e;
	// sass partials: dir/_name.scss
	if (exts === SASS_EXTS) {
		const partial = path.join(path.dirname(base), "_" + path.basename(base));
		for (const e of [".scss", ".sass"]) if (isFile(partial + e)) return partial + e;
	}
	return null;
}

/**
 * The fork renamed "frappe" to "monoframe" in import strings but not on disk:
 *  - public/js/frappe/ stayed "frappe" while every import says "./monoframe/...";
 *  - npm packages aliased as monoframe-X still contain dist/frappe-X.* files.
 * Try the path as written, then with "monoframe" path pieces turned back into "frappe".
 */
function resolveRenamed(baseDir, rel, exts) {
	const hit = firstExisting(path.resolve(baseDir, rel), exts);
	if (hit) return hit;
	const alt = rel.replace(/monoframe/g, "frappe");
	return alt !== rel ? firstExisting(path.resolve(baseDir, alt), exts) : null;
}

/** "pkg/sub/path" -> file in our node_modules (handles the monoframe-* aliases' renamed files). */
function resolveNodeModule(spec, exts) {
	const parts = spec.split("/");
	const nameLen = spec.startsWith("@") ? 2 : 1;
	const pkg = parts.slice(0, nameLen).join("/");
	const sub = parts.slice(nameLen).join("/");
	if (!sub) return null; // bare package: let esbuild read its package.json
	return resolveRenamed(path.join(NM, pkg), sub, exts);
}

/** "<app>/public/..." or "<app>/website/..." style paths used by the scss (Frappe's apps/ load path). */
function resolveAppPath(spec, apps, exts) {
	const m = spec.match(/^([A-Za-z0-9_]+)\/(.+)$/);
	if (!m) return null;
	const app = apps.find((a) => a.name === m[1] || (m[1] === "frappe" && a.name === "monoframe"));
	if (!app) return null;
	const nm = "public/node_modules/";
	if (m[2].startsWith(nm)) return resolveNodeModule(m[2].slice(nm.length), exts);
	return resolveRenamed(app.pkgDir, m[2], exts);
}

// ---------------------------------------------------------------- sass
// the engine's scss (and bootstrap 4) predate Dart Sass 2 deprecations; they still compile
const SASS_SILENCED = ["import", "global-builtin", "slash-div", "mixed-decls", "color-functions", "function-units", "abs-percent", "legacy-js-api"];

function sassOptions(apps, deps, verbose) {
	return {
		style: "expanded",
		quietDeps: true,
		silenceDeprecations: SASS_SILENCED.filter((d) => sass.deprecations && sass.deprecations[d]),
		logger: verbose ? undefined : sass.Logger.silent,
		importers: [
			{
				findFileUrl(url, context) {
					let hit = null;
					if (url.startsWith("~")) hit = resolveNodeModule(url.slice(1), SASS_EXTS);
					else if (!url.startsWith("/") && !url.startsWith("file:")) hit = resolveAppPath(url, apps, SASS_EXTS);
					// "@import 'monoframe_datatable'" next to a file named frappe_datatable.scss
					const from = context && context.containingUrl;
					if (!hit && from && from.protocol === "file:" && !url.startsWith("file:"))
						hit = resolveRenamed(path.dirname(fileURLToPath(from)), url, SASS_EXTS);
					if (!hit) return null;
					deps.add(hit);
					return pathToFileURL(hit);
				},
			},
		],
	};
}

function collectLoaded(result, deps) {
	for (const u of result.loadedUrls || []) if (u.protocol === "file:") deps.add(fileURLToPath(u));
}

// ---------------------------------------------------------------- esbuild plugins
/** Bare and renamed import resolution shared by JS and CSS builds. */
function resolverPlugin(apps) {
	return {
		name: "hf-resolve",
		setup(build) {
			// relative imports that still say "monoframe" where the folder is "frappe"
			build.onResolve({ filter: /(^|\/)monoframe(\/|$)/ }, (args) => {
				if (!args.path.startsWith(".")) return undefined;
				if (firstExisting(path.resolve(args.resolveDir, args.path), JS_EXTS)) return undefined;
				const hit = resolveRenamed(args.resolveDir, args.path, args.kind === "import-rule" ? SASS_EXTS : JS_EXTS);
				return hit ? { path: hit } : undefined;
			});
			// CSS: "~pkg/..." and "<app>/public/..." (what sass leaves for plain .css imports)
			build.onResolve({ filter: /^~/ }, (args) => {
				const hit = resolveNodeModule(args.path.slice(1), SASS_EXTS);
				return hit ? { path: hit } : undefined;
			});
			build.onResolve({ filter: /^[A-Za-z0-9_]+\/(public|website|templates)\// }, (args) => {
				if (args.kind !== "import-rule" && args.kind !== "url-token") return undefined;
				const hit = resolveAppPath(args.path, apps, SASS_EXTS);
				return hit ? { path: hit } : undefined;
			});

			// url(/assets/...), url(/files/...): served by the engine at run time
			build.onResolve({ filter: /^\// }, (args) => {
				if (args.kind === "url-token" || args.kind === "import-rule") {
					if (!isFile(args.path)) return { path: args.path, external: true };
				}
				return undefined;
			});
			// "pkg/sub/path": esbuild first; then the file itself, for packages whose "exports" map
			// hides it (plyr/dist/plyr.polyfilled) and for the monoframe-* npm aliases, whose files
			// kept their frappe names (monoframe-charts/dist/monoframe-charts.esm -> frappe-charts.esm.js)
			build.onResolve({ filter: /^(@[\w.-]+\/)?[\w][\w.-]*\/./ }, async (args) => {
				if (args.pluginData && args.pluginData.hfFallback) return undefined;
				if (args.kind === "url-token") return undefined;
				const r = await build.resolve(args.path, {
					kind: args.kind,
					resolveDir: args.resolveDir,
					importer: args.importer,
					pluginData: { hfFallback: true },
				});
				if (!r.errors.length) return { path: r.path, external: r.external, namespace: r.namespace, sideEffects: r.sideEffects };
				const hit = resolveNodeModule(args.path, args.kind === "import-rule" ? SASS_EXTS : JS_EXTS);
				return hit ? { path: hit } : { errors: r.errors };
			});
		},
	};
}

/** Frappe's `.html` convention: importing x/y/name.html registers monoframe.templates["name"]. */
function htmlTemplatePlugin() {
	return {
		name: "hf-html-templates",
		setup(build) {
			build.onLoad({ filter: /\.html$/ }, async (args) => {
				const name = path.basename(args.path, ".html");
				const html = (await fsp.readFile(args.path, "utf8")).replace(/\s+$/, "");
				const contents =
					`var g = typeof window !== "undefined" ? window : globalThis;\n` +
					`g.monoframe = g.monoframe || {};\n` +
					`g.monoframe.templates = g.monoframe.templates || {};\n` +
					`g.monoframe.templates[${JSON.stringify(name)}] = ${JSON.stringify(html)};\n`;
				return { contents, loader: "js" };
			});
		},
	};
}

/** Scss/sass files reached through esbuild (entries or imports from JS) compiled with sass. */
function sassPlugin(apps, deps, verbose) {
	return {
		name: "hf-sass",
		setup(build) {
			build.onLoad({ filter: /\.s[ac]ss$/ }, async (args) => {
				try {
					const result = await sass.compileAsync(args.path, sassOptions(apps, deps, verbose));
					collectLoaded(result, deps);
					return { contents: result.css, loader: "css", resolveDir: path.dirname(args.path) };
				} catch (e) {
					return { errors: [{ text: e.message }] };
				}
			});
		},
	};
}

/** Vue 3 single-file components with vue/compiler-sfc; styles become CSS imports. */
function vuePlugin(apps, deps, { prod, verbose }) {
	const styles = new Map();
	return {
		name: "hf-vue",
		setup(build) {
			build.onLoad({ filter: /\.vue$/ }, async (args) => {
				const filename = args.path;
				const source = await fsp.readFile(filename, "utf8");
				const { descriptor, errors } = parseSFC(source, { filename, sourceMap: false });
				if (errors.length) return { errors: errors.map((e) => ({ text: `${filename}: ${e.message || e}` })) };

				// scope id from the path inside public/, so output does not depend on where the engine is installed
				const rel = filename.split(`${path.sep}public${path.sep}`).pop();
				const id = crypto.createHash("sha256").update(rel).digest("hex").slice(0, 8);
				const scoped = descriptor.styles.some((s) => s.scoped);
				const isTS = [descriptor.script, descriptor.scriptSetup].some((s) => s && /^tsx?$/.test(s.lang || ""));
				let code = "";
				let bindings;
				let inlined = false;
				try {
					if (descriptor.script || descriptor.scriptSetup) {
						const script = compileScript(descriptor, {
							id,
							isProd: prod,
							inlineTemplate: !!descriptor.scriptSetup,
							genDefaultAs: "_sfc_main",
							sourceMap: false,
						});
						code += script.content + "\n";
						bindings = script.bindings;
						inlined = !!descriptor.scriptSetup;
					} else {
						code += "const _sfc_main = {};\n";
					}
					if (descriptor.template && !inlined) {
						const tpl = compileTemplate({
							source: descriptor.template.content,
							filename,
							id,
							scoped,
							slotted: descriptor.slotted,
							isProd: prod,
							compilerOptions: { bindingMetadata: bindings },
						});
						if (tpl.errors.length) return { errors: tpl.errors.map((e) => ({ text: `${filename}: ${e.message || e}` })) };
						code += tpl.code.replace(/\bexport function render\(/, "function _sfc_render(") + "\n_sfc_main.render = _sfc_render;\n";
					}
				} catch (e) {
					return { errors: [{ text: `${filename}: ${e.message}` }] };
				}
				if (scoped) code += `_sfc_main.__scopeId = "data-v-${id}";\n`;
				code += "export default _sfc_main;\n";

				if (descriptor.styles.length) {
					let css = "";
					for (const style of descriptor.styles) {
						let src = style.content;
						if (style.lang === "scss" || style.lang === "sass") {
							try {
								const r = await sass.compileStringAsync(src, {
									...sassOptions(apps, deps, verbose),
									url: pathToFileURL(filename),
									syntax: style.lang === "sass" ? "indented" : "scss",
								});
								collectLoaded(r, deps);
								src = r.css;
							} catch (e) {
								return { errors: [{ text: `${filename} <style>: ${e.message}` }] };
							}
						} else if (style.lang) {
							return { errors: [{ text: `${filename}: unsupported <style lang="${style.lang}">` }] };
						}
						const out = await compileStyleAsync({ source: src, filename, id: `data-v-${id}`, scoped: style.scoped, isProd: prod });
						if (out.errors.length) return { errors: out.errors.map((e) => ({ text: `${filename} <style>: ${e.message || e}` })) };
						css += out.code + "\n";
					}
					styles.set(filename, css);
					code = `import ${JSON.stringify(filename + "?vue-style")};\n` + code;
				}
				return { contents: code, loader: isTS ? "ts" : "js", resolveDir: path.dirname(filename) };
			});

			build.onResolve({ filter: /\?vue-style$/ }, (args) => ({ path: args.path, namespace: "vue-style" }));
			build.onLoad({ filter: /.*/, namespace: "vue-style" }, (args) => {
				const file = args.path.replace(/\?vue-style$/, "");
				return { contents: styles.get(file) || "", loader: "css", resolveDir: path.dirname(file) };
			});
		},
	};
}

// ---------------------------------------------------------------- hashing ("rebuild only when sources change")
function sha(data) {
	return crypto.createHash("sha256").update(data).digest("hex");
}

function readJSON(p) {
	try {
		return JSON.parse(fs.readFileSync(p, "utf8"));
	} catch {
		return null;
	}
}

/** Everything that decides the output apart from the individual source files. */
function configFingerprint(opts, apps, entries) {
	const parts = {
		builder: sha(fs.readFileSync(fileURLToPath(import.meta.url))),
		lock: sha(fs.readFileSync(path.join(HERE, "package-lock.json"))),
		node: process.version,
		esbuild: esbuild.version,
		sass: sass.info,
		out: opts.out,
		dev: opts.dev,
		apps: apps.map((a) => ({
			name: a.name,
			publicDir: a.publicDir,
			// every file name (not content): a new file can change what an import resolves to
			files: walk(a.publicDir).map((f) => path.relative(a.publicDir, f)).sort(),
			entries: entries[a.name],
		})),
	};
	return sha(JSON.stringify(parts));
}

/** Hash of the config plus the content of every source file the last build read. */
function inputsHash(config, inputs) {
	const h = crypto.createHash("sha256").update(config);
	for (const f of inputs) {
		h.update("\0" + f + "\0");
		try {
			h.update(fs.readFileSync(f));
		} catch {
			h.update("<missing>");
		}
	}
	return h.digest("hex");
}

function outputLooksComplete(out) {
	const manifest = readJSON(path.join(out, "assets.json"));
	if (!manifest || !Object.keys(manifest).length) return false;
	return Object.values(manifest).every((url) => isFile(path.join(out, url.replace(/^\/assets\//, ""))));
}

// ---------------------------------------------------------------- public folder links
// Libraries the engine loads from /assets/monoframe/node_modules/... at run time (grep node_modules
// in public/js): code.js (ace-builds), scanner (html5-qrcode), print_utils (qz-tray, js-sha256),
// gantt_view (monoframe-gantt/dist/monoframe-gantt.*), image_view (photoswipe/src/photoswipe.css).
// Files the engine asks for under a name the packages do not have: link name -> real file.
const NODE_MODULES_SHIMS = {
	"photoswipe/src/photoswipe.css": "photoswipe/dist/photoswipe.css",
};
// The same inside the engine's public/ (hooks.py app_logo_url; the wheel ships no such svg).
const ENGINE_PUBLIC_SHIMS = {
	"images/monoframe-logo.svg": "images/frappe-framework-logo.svg",
};

function symlinkForce(target, link) {
	try {
		const st = fs.lstatSync(link);
		if (st.isSymbolicLink() && fs.readlinkSync(link) === target) return;
		fs.rmSync(link, { recursive: true, force: true });
	} catch {}
	fs.mkdirSync(path.dirname(link), { recursive: true });
	fs.symlinkSync(target, link);
}

/**
 * Mirror a folder as real folders + file symlinks, and give every file or folder whose name
 * contains "frappe" a second, "monoframe" name: the fork renamed the URLs the code asks for
 * (/assets/monoframe/images/monoframe-favicon.svg, monoframe-gantt/dist/monoframe-gantt.min.js)
 * but not the files (frappe-favicon.svg, frappe-gantt.min.js).
 */
function mirrorRenamed(src, dst) {
	fs.mkdirSync(dst, { recursive: true });
	for (const ent of fs.readdirSync(src, { withFileTypes: true })) {
		if (SKIP_DIRS.has(ent.name)) continue;
		const s = path.join(src, ent.name);
		const alias = ent.name.replace(/frappe/g, "monoframe");
		const hasAlias = alias !== ent.name && !fs.existsSync(path.join(src, alias));
		if (ent.isDirectory()) {
			mirrorRenamed(s, path.join(dst, ent.name));
			if (hasAlias) symlinkForce(ent.name, path.join(dst, alias));
		} else {
			symlinkForce(s, path.join(dst, ent.name));
			if (hasAlias) symlinkForce(s, path.join(dst, alias));
		}
	}
}

function applyShims(shims, srcRoot, outRoot) {
	for (const [link, target] of Object.entries(shims)) {
		const real = path.join(srcRoot, target);
		const linkPath = path.join(outRoot, link);
		if (isFile(real) && !fs.existsSync(linkPath)) symlinkForce(real, linkPath);
	}
}

function linkPublic(opts, apps) {
	for (const app of apps) {
		const appOut = path.join(opts.out, app.name);
		fs.mkdirSync(appOut, { recursive: true });
		const keep = new Set(["dist"]);
		if (app.name === "monoframe") {
			// engine: file-level mirror (its files only change when the wheel does, which rebuilds)
			keep.add("node_modules");
			for (const name of fs.readdirSync(appOut)) if (!keep.has(name)) fs.rmSync(path.join(appOut, name), { recursive: true, force: true });
			mirrorRenamed(app.publicDir, appOut);
			applyShims(ENGINE_PUBLIC_SHIMS, app.publicDir, appOut);

			const nmOut = path.join(appOut, "node_modules");
			fs.rmSync(nmOut, { recursive: true, force: true });
			fs.mkdirSync(nmOut, { recursive: true });
			const shimmed = new Set(Object.keys(NODE_MODULES_SHIMS).map((l) => l.split("/")[0]));
			for (const name of fs.readdirSync(NM)) {
				if (name.startsWith(".")) continue;
				const pkgs = name.startsWith("@") ? fs.readdirSync(path.join(NM, name)).map((n) => `${name}/${n}`) : [name];
				for (const pkg of pkgs) {
					if (pkg.startsWith("monoframe-") || shimmed.has(pkg)) mirrorRenamed(path.join(NM, pkg), path.join(nmOut, pkg));
					else symlinkForce(path.join(NM, pkg), path.join(nmOut, pkg));
				}
			}
			applyShims(NODE_MODULES_SHIMS, NM, nmOut);
		} else {
			// apps: one symlink per top-level entry, so edits and new plain files are served live
			if (fs.existsSync(app.publicDir)) {
				for (const name of fs.readdirSync(app.publicDir)) {
					if (name === "dist" || name === "node_modules") continue;
					keep.add(name);
					symlinkForce(path.join(app.publicDir, name), path.join(appOut, name));
				}
			}
			for (const name of fs.readdirSync(appOut)) {
				const p = path.join(appOut, name);
				if (!keep.has(name) && fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);
			}
		}
	}
	// Frappe-written code may ask for /assets/frappe/...
	symlinkForce("monoframe", path.join(opts.out, "frappe"));
}

// ---------------------------------------------------------------- the build
const BANNER =
	"/* built by huifang patches/desk_assets */\n" +
	// app JS written for Frappe uses the global `frappe`; the engine's global is `monoframe`
	// (public/js/frappe/provide.js: `if (!window.monoframe) window.monoframe = {}`).
	"window.monoframe=window.monoframe||{};window.frappe=window.frappe||window.monoframe;";

const LOADERS = {
	".png": "file",
	".jpg": "file",
	".jpeg": "file",
	".gif": "file",
	".svg": "file",
	".webp": "file",
	".ico": "file",
	".woff": "file",
	".woff2": "file",
	".ttf": "file",
	".eot": "file",
	".otf": "file",
	".mp3": "file",
	".json": "json",
};

function shortHash(buf) {
	return crypto.createHash("sha256").update(buf).digest("hex").slice(0, 8).toUpperCase();
}

async function buildApp(app, entries, opts, apps, deps) {
	const prod = !opts.dev;
	const distTmp = path.join(opts.out, app.name, ".dist-tmp");
	fs.rmSync(distTmp, { recursive: true, force: true });
	const common = {
		bundle: true,
		write: false,
		metafile: true,
		minify: prod,
		target: ["es2020"],
		loader: LOADERS,
		nodePaths: [NM],
		logLevel: "silent",
		absWorkingDir: HERE,
		assetNames: "assets/[name].[hash]",
		entryNames: "[name]",
		legalComments: "none",
		// app code written for Frappe imports the packages by their real names; they are
		// installed once, under the engine's alias names (package.json "monoframe-*": "npm:frappe-*")
		alias: Object.fromEntries(
			["datatable", "charts", "gantt", "quill-image-resize"].map((n) => [`frappe-${n}`, `monoframe-${n}`]),
		),
	};
	const plugins = [resolverPlugin(apps), htmlTemplatePlugin(), sassPlugin(apps, deps, opts.verbose), vuePlugin(apps, deps, { prod, verbose: opts.verbose })];

	const jobs = [];
	if (entries.js.length)
		jobs.push(
			esbuild.build({
				...common,
				entryPoints: entries.js,
				outdir: path.join(distTmp, "js"),
				format: "iife",
				banner: { js: BANNER },
				define: {
					"process.env.NODE_ENV": JSON.stringify(prod ? "production" : "development"),
					__VUE_OPTIONS_API__: "true",
					__VUE_PROD_DEVTOOLS__: "false",
					__VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
				},
				plugins,
			}).then((r) => ({ kind: "js", r })),
		);
	if (entries.css.length)
		jobs.push(
			esbuild.build({ ...common, entryPoints: entries.css, outdir: path.join(distTmp, "css"), plugins }).then((r) => ({ kind: "css", r })),
		);

	const settled = await Promise.allSettled(jobs);
	const failures = settled.filter((s) => s.status === "rejected");
	if (failures.length) return { ok: false, errors: failures.flatMap((f) => f.reason.errors || [{ text: String(f.reason) }]) };

	const warnings = settled.flatMap((s) => s.value.r.warnings);
	if (warnings.length) {
		const lines = await esbuild.formatMessages(warnings, { kind: "warning", color: false });
		if (opts.verbose) console.warn(lines.join(""));
		else console.warn(`desk_assets: [${app.name}] ${warnings.length} esbuild warning(s) (--verbose shows them)`);
	}

	// name outputs by the hash of their final content; JS entries get a loader for their CSS
	const manifest = {};
	const files = [];
	const urlOf = (abs) => "/assets/" + path.relative(opts.out, abs.replace(distTmp, path.join(opts.out, app.name, "dist"))).split(path.sep).join("/");
	for (const { value } of settled) {
		const { r } = value;
		for (const inp of Object.keys(r.metafile.inputs)) {
			const abs = path.resolve(HERE, inp.replace(/^[a-z-]+:/, "").replace(/\?vue-style$/, ""));
			if (isFile(abs) && !abs.startsWith(NM + path.sep)) deps.add(abs);
		}
		const byPath = new Map(r.outputFiles.map((f) => [f.path, f]));
		const renamed = new Map();
		const rename = (abs) => {
			if (renamed.has(abs)) return renamed.get(abs);
			const f = byPath.get(abs);
			const ext = path.extname(abs);
			const out = abs.slice(0, -ext.length) + "." + shortHash(f.contents) + ext;
			renamed.set(abs, out);
			return out;
		};
		for (const [outRel, meta] of Object.entries(r.metafile.outputs)) {
			if (!meta.entryPoint) continue;
			const abs = path.resolve(HERE, outRel);
			const f = byPath.get(abs);
			const base = path.basename(meta.entryPoint).replace(/\.(ts|scss|sass)$/, (m) => (m === ".ts" ? ".js" : ".css"));
			let contents = f.contents;
			if (value.kind === "js" && meta.cssBundle) {
				const cssAbs = path.resolve(HERE, meta.cssBundle);
				const cssUrl = urlOf(rename(cssAbs));
				const loader =
					`(function(){var h=${JSON.stringify(cssUrl)};if(typeof document==="undefined"||document.querySelector('link[href="'+h+'"]'))return;` +
					`var l=document.createElement("link");l.rel="stylesheet";l.type="text/css";l.href=h;document.head.appendChild(l);})();\n`;
				contents = Buffer.concat([Buffer.from(loader), Buffer.from(contents)]);
			}
			const ext = path.extname(abs);
			const finalAbs = abs.slice(0, -ext.length) + "." + shortHash(contents) + ext;
			renamed.set(abs, finalAbs);
			files.push([finalAbs, contents]);
			const key = base;
			manifest[key] = urlOf(finalAbs);
			// the fork renamed references ("monoframe-web.bundle.js") but not the file frappe-web.bundle.js
			if (key.includes("frappe")) manifest[key.replace(/frappe/g, "monoframe")] = manifest[key];
		}
		for (const f of r.outputFiles) {
			if (files.some(([p]) => p === renamed.get(f.path))) continue;
			// other .js/.css outputs (the CSS a JS entry imports) get content-hashed names here;
			// fonts/images copied by the "file" loader already carry esbuild's [hash]
			const target = /\.(js|css)$/.test(f.path) ? rename(f.path) : f.path;
			files.push([target, f.contents]);
		}
	}
	for (const [p, c] of files) {
		fs.mkdirSync(path.dirname(p), { recursive: true });
		fs.writeFileSync(p, c);
	}
	fs.mkdirSync(distTmp, { recursive: true });
	return { ok: true, manifest, distTmp, dist: path.join(opts.out, app.name, "dist") };
}

async function main() {
	const t0 = Date.now();
	const opts = parseArgs(process.argv.slice(2));
	const engineDir = enginePackageDir(opts.python);
	const apps = discoverApps(engineDir);
	const entries = Object.fromEntries(apps.map((a) => [a.name, findEntries(a)]));
	const config = configFingerprint(opts, apps, entries);

	const stampPath = path.join(opts.out, STAMP);
	const stamp = readJSON(stampPath);
	if (!opts.force && stamp && stamp.config === config && outputLooksComplete(opts.out) && inputsHash(config, stamp.inputs) === stamp.hash) {
		console.log(`assets up to date (${opts.out})`);
		return;
	}

	fs.mkdirSync(opts.out, { recursive: true });
	const deps = new Set();
	const manifest = {};
	const problems = [];
	const built = [];
	for (const app of apps) {
		const e = entries[app.name];
		if (!e.js.length && !e.css.length) continue;
		const res = await buildApp(app, e, opts, apps, deps);
		if (!res.ok) {
			const where = (err) => (err.location ? `${path.resolve(HERE, err.location.file)}:${err.location.line}: ` : "");
			problems.push(...res.errors.map((err) => `[${app.name}] ${where(err)}${err.text}`));
			continue;
		}
		built.push(res);
		Object.assign(manifest, res.manifest);
	}
	if (problems.length) {
		// the previous output (if any) stays as it was
		for (const b of built) fs.rmSync(b.distTmp, { recursive: true, force: true });
		console.error(`desk_assets: build FAILED with ${problems.length} error(s):\n  ` + problems.slice(0, 50).join("\n  "));
		process.exit(1);
	}
	// swap every app's dist/ in, then the links, then the manifest that points at them
	for (const b of built) {
		fs.rmSync(b.dist, { recursive: true, force: true });
		fs.renameSync(b.distTmp, b.dist);
	}
	linkPublic(opts, apps);

	const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
	const tmp = path.join(opts.out, "assets.json.tmp");
	fs.writeFileSync(tmp, JSON.stringify(sorted, null, 2) + "\n");
	fs.renameSync(tmp, path.join(opts.out, "assets.json"));

	const inputs = [...deps].filter((f) => !f.startsWith(NM + path.sep)).sort();
	fs.writeFileSync(stampPath, JSON.stringify({ config, hash: inputsHash(config, inputs), engine: engineDir, inputs }, null, 1) + "\n");

	const n = Object.keys(sorted).length;
	console.log(`assets built: ${n} manifest entries -> ${opts.out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((e) => {
	console.error(e && e.stack ? e.stack : e);
	process.exit(1);
});
