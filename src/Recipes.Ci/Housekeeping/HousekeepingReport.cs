using Recipes.Ci.Alerts;
using Recipes.Swarm.Housekeeping;

namespace Recipes.Ci.Housekeeping;

/// <summary>What a housekeeping pass did: orphan run apps, disk use and prune, alerts relayed.</summary>
public sealed record HousekeepingReport(OrphanStackReport OrphanStacks, HousekeepingResult Disk, bool DiskAlerted, RelayReport? Relay);
