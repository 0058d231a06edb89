using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Reads a line of text from standard input (or the <see cref="TextReader"/> the host registers); Result is the line.</summary>
[Activity("Elsa", "ReadLine", Category = "Console", Description = "Read a line of text from the console.")]
public sealed class ReadLine : Activity
{
    [Output(Description = "The line read (null at the end of input).")]
    public string? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var reader = context.Services.GetService<TextReader>() ?? Console.In;
        context.SetOutput(nameof(Result), await reader.ReadLineAsync(context.CancellationToken));
        context.Complete();
    }
}
