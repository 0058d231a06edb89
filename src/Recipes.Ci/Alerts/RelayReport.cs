namespace Recipes.Ci.Alerts;

/// <summary>One relay pass: alerts moved to seen/, alerts still waiting, and why (one line per failed delivery).</summary>
public sealed record RelayReport(int Delivered, int StillPending, IReadOnlyList<string> Failures);
