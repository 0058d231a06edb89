using Spectre.Console;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace RecipeCi.Cli;

/// <summary>
/// Spectre's help with one change: an example is never broken across lines. Descriptions wrap to the terminal's
/// width (or <c>COLUMNS</c>); an example stays whole on its own line, so it can be copied and pasted as it is (a narrow
/// terminal folds it visually, without inserting a line break).
/// </summary>
public sealed class CliHelp(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetExamples(ICommandModel model, ICommandInfo? command) =>
        base.GetExamples(model, command).Select(r => (IRenderable)new Unwrapped(r));

    /// <summary>Lays its content out as if the console were wider than any example.</summary>
    private sealed class Unwrapped(IRenderable inner) : IRenderable
    {
        private const int Width = 10_000;

        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, Width);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => inner.Render(options with { ConsoleSize = new Size(Width, options.ConsoleSize.Height) }, Width);
    }
}
