using System.Text.Json.Nodes;
using SpotConnect.Org;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// State files users committed keep loading and deploy the same resources (Compatibility/: files in the formats earlier
/// versions wrote; see its README).
/// </summary>
[Collection(JsiiCollection.Name)]
public sealed class CompatibilityTests
{
    [Fact]
    public void An_org_state_written_on_2026_11_23_deploys_the_accounts_it_recorded_as_todays_format_does()
    {
        var committed = Path.Combine(AppContext.BaseDirectory, "Compatibility", "spot-org.2026-11-23.json");
        var path = Path.Combine(Scratch.Folder("spotconnect-compat-").FullName, "spot-org.json");
        File.Copy(committed, path);

        // As the app reads it (cdk synth -c spot:orgState=…).
        var old = Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(
            new Dictionary<string, object> { ["spot:orgState"] = path }.GetValueOrDefault, _ => null)));

        // The StackSet it recorded, with the two member accounts it placed there (not the suspended one, not the
        // management account), in the region and as the administrator it recorded.
        var (_, stackSet) = Assert.Single(old.Resources("AWS::CloudFormation::StackSet"));
        var properties = stackSet["Properties"]!;
        Assert.Equal("SpotConnect-1", properties["StackSetName"]!.GetValue<string>());
        Assert.Equal("SELF", properties["CallAs"]!.GetValue<string>());
        var instances = Assert.Single(properties["StackInstancesGroup"]!.AsArray())!;
        Assert.Equal(["200000000000", "200000000007"], instances["DeploymentTargets"]!["Accounts"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["eu-west-1"], instances["Regions"]!.AsArray().Select(r => r!.GetValue<string>()));

        // Each member's role trusts its recorded external id; the management account's own role, its own.
        var member = properties["TemplateBody"]!.GetValue<string>();
        Assert.Contains("pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-", member, StringComparison.Ordinal);
        Assert.Contains("spotinst:aws:extid:Data7Staging0042", member, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq3-8vBn0Lk_2xYt7Wc5Rm1Pe9Sd4Fg6Hj8Kl0Nb2Mv-", member, StringComparison.Ordinal);
        var (_, role) = Assert.Single(old.Resources("AWS::IAM::Role"));
        Assert.Equal("Spot-Role", role["Properties"]!["RoleName"]!.GetValue<string>());
        Assert.Contains("spotinst:aws:extid:Mgmt4Example0001", role["Properties"]!["AssumeRolePolicyDocument"]!.ToJsonString(), StringComparison.Ordinal);

        // Loading changed nothing on disk, and the same state in today's format gives the same template, byte for byte.
        Assert.Equal(File.ReadAllBytes(committed), File.ReadAllBytes(path));
        var today = OrgStates.Save(OrgState.Load(path));
        Assert.NotEqual(File.ReadAllText(path), File.ReadAllText(today));
        var again = Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(
            new Dictionary<string, object> { ["spot:orgState"] = today }.GetValueOrDefault, _ => null)));
        Assert.Equal(old.Text, again.Text);
    }
}
