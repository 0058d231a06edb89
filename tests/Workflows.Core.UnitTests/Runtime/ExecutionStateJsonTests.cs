using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.UnitTests.Runtime;

// Serialised at every commit: outputs stored only once set, read back whole (getOutputFrom after a resume elsewhere).
public sealed class ExecutionStateJsonTests
{
    [Fact]
    public void A_state_without_outputs_stores_neither_activity_outputs_nor_last_result()
    {
        var json = JsonSerializer.Serialize(new ExecutionState(), WorkflowJson.Options);

        var stored = JsonNode.Parse(json)!.AsObject();
        Assert.False(stored.ContainsKey("activityOutputs"), json);
        Assert.False(stored.ContainsKey("lastResult"), json);
        var read = JsonSerializer.Deserialize<ExecutionState>(json, WorkflowJson.Options)!;
        Assert.Empty(read.ActivityOutputs);
        Assert.Null(read.LastResult);
    }

    [Fact]
    public void Activity_outputs_and_the_last_result_survive_a_round_trip()
    {
        var state = new ExecutionState { LastResult = JsonValue.Create(50) };
        state.ActivityOutputs["calc"] = new JsonObject { ["Result"] = 50, ["Output"] = "x" };

        var read = JsonSerializer.Deserialize<ExecutionState>(JsonSerializer.Serialize(state, WorkflowJson.Options), WorkflowJson.Options)!;

        Assert.Equal(50, read.LastResult!.GetValue<int>());
        Assert.Equal("""{"Result":50,"Output":"x"}""", read.ActivityOutputs["calc"].ToJsonString());
        read.ActivityOutputs["next"] = new JsonObject();
        Assert.Equal(2, read.ActivityOutputs.Count);
    }

    [Fact]
    public void State_stored_with_empty_outputs_and_a_null_last_result_still_reads()
    {
        const string stored = """{"activities":{},"queue":[],"rootInstanceId":null,"rootCompleted":false,"faultReported":false,"activityOutputs":{},"lastResult":null,"sequence":7}""";

        var read = JsonSerializer.Deserialize<ExecutionState>(stored, WorkflowJson.Options)!;

        Assert.Empty(read.ActivityOutputs);
        Assert.Null(read.LastResult);
        Assert.Equal(7, read.Sequence);
    }
}
