namespace Workflows.Persistence.Data.Entities;

/// <summary>
/// A column an upsert writes when it inserts the row but never when it updates an existing one: another operation
/// owns it. The instance's lease columns are the case: only acquire, renew and release change them, so a step's commit,
/// carrying the lease as it was when the run loaded the instance, cannot turn back a lease the heartbeat renewed since.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WrittenOnInsertOnlyAttribute : Attribute;
