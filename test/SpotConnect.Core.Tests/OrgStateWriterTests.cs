using SpotConnect.Org;

namespace SpotConnect.Tests;

/// <summary>The org state writer: concurrent changes, one writer at a time, coalesced saves, always a whole file.</summary>
public sealed class OrgStateWriterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("spotconnect-orgwriter-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Concurrent_changes_are_all_saved()
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

        Assert.All(OrgStateStore.Load(path, "--state")!.Accounts, a => Assert.Equal("ext-" + a.AwsAccountId, a.ExternalId));
        Assert.Equal(ids, OrgStateStore.Load(path, "--state")!.Accounts.Select(a => a.AwsAccountId));
    }

    [Fact]
    public async Task Saves_write_only_when_there_is_a_change_and_concurrent_saves_of_one_change_set_write_once()
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

        await writer.SaveAsync();
        Assert.Equal(1, writer.Writes);
        await writer.SaveAsync(); // nothing changed
        Assert.Equal(1, writer.Writes);

        foreach (var id in ids)
        {
            writer.Update(id, a => a with { ExternalId = "ext-" + id });
        }

        // 200 savers of the same changes: the first write holds them all, the others find them saved.
        await Task.WhenAll(ids.Select(_ => Task.Run(() => writer.SaveAsync())));
        Assert.Equal(2, writer.Writes);
        Assert.All(OrgStateStore.Load(path, "--state")!.Accounts, a => Assert.Equal("ext-" + a.AwsAccountId, a.ExternalId));

        writer.Update(ids[0], a => a with { LastError = "x" });
        await writer.SaveIfOlderThanAsync(TimeSpan.FromHours(1)); // written just now: not stale yet
        Assert.Equal(2, writer.Writes);
        await writer.SaveAsync();
        Assert.Equal(3, writer.Writes);
    }
}
