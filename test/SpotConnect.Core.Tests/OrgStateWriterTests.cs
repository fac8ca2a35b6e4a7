using SpotConnect.Org;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>The org state writer: concurrent changes, one writer at a time, coalesced saves, always a whole file.</summary>
public sealed class OrgStateWriterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-orgwriter-");

    private readonly List<string> _ids = Enumerable.Range(0, 200).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private string StatePath => Path.Combine(_dir.FullName, "spot-org.json");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>A writer of 200 accounts without anything yet, saving to <see cref="StatePath"/>.</summary>
    private OrgStateWriter NewWriter(TimeProvider? clock = null) => new(StatePath, new OrgState
    {
        Partition = "aws",
        ManagementAccountId = "100000000000",
        TargetOus = ["r-ab12"],
        Accounts = _ids.Select(id => new OrgAccount { AwsAccountId = id }).ToList(),
    }, clock);

    [Fact]
    public async Task Concurrent_changes_are_all_saved()
    {
        using var writer = NewWriter();

        await Parallel.ForEachAsync(_ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            writer.Update(id, a => a with { ExternalId = "ext-" + id });
            await writer.SaveAsync(ct);

            // Once SaveAsync returns, the file holds this change (whoever wrote it).
            Assert.Equal("ext-" + id, OrgStateStore.Load(StatePath, "--state")!.Accounts.Single(a => a.AwsAccountId == id).ExternalId);
        });

        Assert.All(OrgStateStore.Load(StatePath, "--state")!.Accounts, a => Assert.Equal("ext-" + a.AwsAccountId, a.ExternalId));
        Assert.Equal(_ids, OrgStateStore.Load(StatePath, "--state")!.Accounts.Select(a => a.AwsAccountId));
    }

    [Fact]
    public async Task Saves_write_only_when_there_is_a_change_and_concurrent_saves_of_one_change_set_write_once()
    {
        using var writer = NewWriter();

        await writer.SaveAsync();
        Assert.Equal(1, writer.Writes);
        await writer.SaveAsync(); // nothing changed
        Assert.Equal(1, writer.Writes);

        foreach (var id in _ids)
        {
            writer.Update(id, a => a with { ExternalId = "ext-" + id });
        }

        // 200 savers of the same changes: the first write holds them all, the others find them saved.
        await Task.WhenAll(_ids.Select(_ => Task.Run(() => writer.SaveAsync())));
        Assert.Equal(2, writer.Writes);
        Assert.All(OrgStateStore.Load(StatePath, "--state")!.Accounts, a => Assert.Equal("ext-" + a.AwsAccountId, a.ExternalId));

        writer.Update(_ids[0], a => a with { LastError = "x" });
        await writer.SaveIfOlderThanAsync(TimeSpan.FromHours(1)); // written just now: not stale yet
        Assert.Equal(2, writer.Writes);
        await writer.SaveAsync();
        Assert.Equal(3, writer.Writes);
    }

    [Fact]
    public async Task A_save_if_older_than_writes_only_once_the_last_write_is_that_old_on_the_writers_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        using var writer = NewWriter(clock);
        writer.Update(_ids[0], a => a with { ExternalId = "ext-a" });
        await writer.SaveAsync();
        Assert.Equal(1, writer.Writes);

        writer.Update(_ids[0], a => a with { LastError = "x" });
        clock.Advance(TimeSpan.FromSeconds(59));
        await writer.SaveIfOlderThanAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, writer.Writes);
        clock.Advance(TimeSpan.FromSeconds(2));
        await writer.SaveIfOlderThanAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, writer.Writes);
        Assert.Equal("x", OrgStateStore.Load(StatePath, "--state")!.Accounts.Single(a => a.AwsAccountId == _ids[0]).LastError);

        clock.Advance(TimeSpan.FromHours(1));
        await writer.SaveIfOlderThanAsync(TimeSpan.FromMinutes(1)); // old, but nothing unsaved
        Assert.Equal(2, writer.Writes);
    }
}
