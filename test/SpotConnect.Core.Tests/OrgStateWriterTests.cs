using SpotConnect.Org;

namespace SpotConnect.Tests;

/// <summary>The org state writer: concurrent changes, one writer at a time, coalesced saves, always a whole file.</summary>
public sealed class OrgStateWriterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("spotconnect-orgwriter-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Concurrent_changes_are_all_saved_in_fewer_writes_than_changes()
    {
        var path = Path.Combine(_dir.FullName, "spot-org.json");
        var ids = Enumerable.Range(0, 200).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        using var writer = new OrgStateWriter(path, new OrgState
        {
            Partition = "aws",
            ManagementAccountId = "100000000000",
            TargetOus = ["r-ab12"],
            Accounts = ids.Select(id => new OrgAccount { AwsAccountId = id }).ToList(),
        });

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            writer.Update(id, a => a with { ExternalId = "ext-" + id });
            await writer.SaveAsync(ct);

            // Once SaveAsync returns, the file holds this change (whoever wrote it).
            Assert.Equal("ext-" + id, OrgStateStore.Load(path, "--state")!.Accounts.Single(a => a.AwsAccountId == id).ExternalId);
        });

        Assert.InRange(writer.Writes, 1, ids.Count - 1);
        Assert.All(OrgStateStore.Load(path, "--state")!.Accounts, a => Assert.Equal("ext-" + a.AwsAccountId, a.ExternalId));
        Assert.Equal(ids, OrgStateStore.Load(path, "--state")!.Accounts.Select(a => a.AwsAccountId));
    }
}
