// The playground: Pyodide from this site's static/pyodide, chalkgrad preinstalled from its lock file.
import { loadPyodide } from "../static/pyodide/pyodide.mjs";

const PACKAGES = ["chalkgrad", "chalkgrad-browser", "graphviz", "tqdm"];
const $ = (id) => document.getElementById(id);
const started = performance.now();

async function start() {
  const pyodide = await loadPyodide({ indexURL: new URL("../static/pyodide/", import.meta.url).href });
  await pyodide.loadPackage(PACKAGES);
  pyodide.runPython(await (await fetch("playground.py")).text());
  await pyodide.runPythonAsync("await graphviz_ready()");
  const run = pyodide.globals.get("run");
  $("status").textContent = `Ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
  $("run").disabled = false;
  const go = () => show(JSON.parse(run($("code").value)));
  $("run").addEventListener("click", go);
  $("code").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.shiftKey) { event.preventDefault(); go(); }
  });
  go();
  document.body.dataset.firstResultMs = String(Math.round(performance.now() - started));
}

function show(result) {
  $("output").textContent = result.error || result.stdout;
  $("output").classList.toggle("error", Boolean(result.error));
  $("graph").innerHTML = result.svg;
  $("walkthrough").srcdoc = result.walkthrough;
  $("status").textContent = result.note;
}

start().catch((error) => {
  $("status").textContent = "Python could not start: " + error;
  console.error(error);
});
