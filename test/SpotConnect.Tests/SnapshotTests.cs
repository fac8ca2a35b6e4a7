using SpotConnect.Cdk;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// The default template, byte for byte, against a committed snapshot. Unintended drift fails here; an
/// intended change is recorded by running the tests once with SPOTCONNECT_UPDATE_SNAPSHOTS=1 and
/// reviewing the diff of test/SpotConnect.Tests/Snapshots/.
/// </summary>
[Collection(JsiiCollection.Name)]
public sealed class SnapshotTests
{
    private const string UpdateSwitch = "SPOTCONNECT_UPDATE_SNAPSHOTS";

    [Fact]
    public void Default_template_matches_the_committed_snapshot()
    {
        var path = Path.Combine(Repo.Root, "test", "SpotConnect.Tests", "Snapshots", "SpotLinkStack.default.template.json");
        var actual = Synth.App().Text;
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}. Run the tests with {UpdateSwitch}=1 to record it, then review and commit it.");
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual,
            $"The default template differs from {path}. If the change is intended, run the tests with {UpdateSwitch}=1, review the diff and commit it.");
    }

    [Fact]
    public void Identical_inputs_give_byte_identical_templates_whatever_the_order_of_bundle_ids()
    {
        var a = Synth.Stack(new SpotLinkStackProps { Bundles = BundleSelection.Parse("ocean.eks,elastigroup.emr,storage"), ExternalId = "abc" });
        var b = Synth.Stack(new SpotLinkStackProps { Bundles = BundleSelection.Parse("storage, elastigroup.emr,ocean.eks,ocean.eks,general"), ExternalId = "abc" });
        Assert.Equal(a.Text, b.Text);
    }
}
