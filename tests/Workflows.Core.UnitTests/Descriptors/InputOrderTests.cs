using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Workflows.Core.UnitTests.Descriptors;

/// <summary>
/// Descriptor input order: source order, except that a <see cref="LeadingInputsAttribute"/> base's inputs come first.
/// The bases are declared after the activities here, so source order alone would list their inputs last.
/// </summary>
public sealed class InputOrderTests
{
    [Fact]
    public void A_leading_base_lists_its_inputs_first_and_any_other_base_keeps_source_order()
    {
        Assert.Equal(["Target", "Own", "Extra"], ActivityDescriber.Describe(typeof(WithLeadingBase)).Inputs.Select(i => i.Name));
        Assert.Equal(["Own", "Trailing"], ActivityDescriber.Describe(typeof(WithPlainBase)).Inputs.Select(i => i.Name));
    }

    [Activity("Test", "WithLeadingBase")]
    private sealed class WithLeadingBase : LeadingBase
    {
        [Input(Order = 1)]
        public string? Own { get; set; }

        [Input(Order = 2)]
        public string? Extra { get; set; }
    }

    [Activity("Test", "WithPlainBase")]
    private sealed class WithPlainBase : PlainBase
    {
        [Input(Order = 0)]
        public string? Own { get; set; }
    }

    [LeadingInputs]
    private abstract class LeadingBase : Activity
    {
        [Input(Order = 0)]
        public string? Target { get; set; }

        public override ValueTask ExecuteAsync(ActivityContext context) => ValueTask.CompletedTask;
    }

    private abstract class PlainBase : Activity
    {
        [Input(Order = 100)]
        public string? Trailing { get; set; }

        public override ValueTask ExecuteAsync(ActivityContext context) => ValueTask.CompletedTask;
    }
}
