namespace RecipeCi.RunPages;

/// <summary>The run pages' stylesheet, served at <c>/runs/run-pages.css</c> (no inline style: CSP-friendly).</summary>
internal static class RunPageStyles
{
    public const string Css = """
        :root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --error: #9a3412; --running: #0969da; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
        main { max-width: 52rem; margin: 0 auto; padding: 0.75rem; }
        h1 { font-size: 1.25rem; margin: 0.25rem 0; overflow-wrap: anywhere; }
        h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
        section, header, footer { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 0.75rem; margin-bottom: 0.75rem; }
        .result { color: #fff; border: 0; }
        .result-pass { background: var(--pass); } .result-fail { background: var(--fail); }
        .result-error { background: var(--error); } .result-running { background: var(--running); }
        .result-word { font-weight: 700; letter-spacing: 0.05em; }
        .step { margin: 0.25rem 0 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.75rem; margin: 0; }
        dt { color: #57606a; } dd { margin: 0; overflow-wrap: anywhere; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border-radius: 6px; padding: 0.5rem; margin: 0.25rem 0 0;
              font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; max-height: 40rem; overflow: auto; }
        .reason { border-color: var(--fail); } .reason pre { background: #fff5f5; }
        table { border-collapse: collapse; } th, td { text-align: left; padding: 0.15rem 0.75rem 0.15rem 0; font-weight: normal; }
        .test { border-top: 1px solid #eaeef2; padding: 0.4rem 0; }
        .test summary { cursor: pointer; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
        .test .outcome { font-weight: 700; text-transform: uppercase; font-size: 0.8rem; }
        .test-passed .outcome { color: var(--pass); } .test-failed .outcome { color: var(--fail); }
        .test .name { font-weight: 600; overflow-wrap: anywhere; } .test .time, .muted { color: #57606a; }
        .message { color: var(--fail); margin: 0.25rem 0 0; }
        .summary.bad { color: var(--fail); font-weight: 600; } .summary.good { color: var(--pass); font-weight: 600; }
        .runs { list-style: none; padding: 0; margin: 0; }
        .runs li { background: #fff; border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; padding: 0.5rem; margin-bottom: 0.4rem; color: #1f2328; }
        .runs li.result-pass { border-left-color: var(--pass); } .runs li.result-fail { border-left-color: var(--fail); }
        .runs li.result-error { border-left-color: var(--error); } .runs li.result-running { border-left-color: var(--running); }
        .runs li { background: #fff; } .runs .result-word { display: inline-block; min-width: 4.5rem; text-transform: uppercase; font-size: 0.8rem; }
        .runs .why { display: block; color: var(--fail); overflow-wrap: anywhere; }
        a { color: #0969da; } .result a { color: #fff; }
        """;
}
