using Workflows.Hosting.Leases;

namespace Workflows.Hosting.UnitTests.Leases;

/// <summary>
/// Lock names hash to the keys DistributedLock.Postgres (used by earlier releases) gave them, so nodes of both releases
/// exclude each other during a rolling upgrade. The expected values were computed with DistributedLock.Postgres 1.3.1's
/// <c>new PostgresAdvisoryLockKey(name, allowHashing: true)</c>.
/// </summary>
public sealed class AdvisoryLockKeyTests
{
    [Theory]
    [InlineData("recipeci:workflows-import", 0x5fc1a2eb83d0d271UL)]
    [InlineData("recipeci:recovery-sweep", 0x859f43574e168f16UL)]
    [InlineData("recipeci:stimulus-redelivery", 0x61d1e2a58cbea948UL)]
    [InlineData("workflow-instance:b9d1b7b3491449259f3a1660632f4093", 0xa09633d26669a427UL)]
    public void A_name_keeps_the_key_earlier_releases_locked(string name, ulong expected) =>
        Assert.Equal(unchecked((long)expected), AdvisoryLockKey.For(name));

    [Fact]
    public void The_server_lock_names_get_distinct_keys()
    {
        string[] names = [LockNames.FolderImport, LockNames.RecoverySweep, LockNames.StimulusRedelivery, LockNames.Instance("a"), LockNames.Instance("b")];
        Assert.Equal(names.Length, names.Select(AdvisoryLockKey.For).Distinct().Count());
    }
}
