using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// <c>spot-connect link status</c> read after every step an admin takes (against the stateful Spot stub, STS and a
/// recording stand-in for the CDK CLI): what it shows, its JSON, its last line and its exit code with <c>--fail-on-pending</c>.
/// </summary>
public sealed class LinkStatusTests : IDisposable
{
    private readonly SpotStub _stub = new();
    private readonly SpotOrgStub _spot;
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-link-status-");
    private readonly SpotCliHarness _cli;

    public LinkStatusTests()
    {
        _spot = new SpotOrgStub(_stub);
        _cli = new SpotCliHarness(_stub, _dir, new RecordingDeployer(), propagationTimeout: TimeSpan.FromMilliseconds(300))
        {
            Deployer = new RoleFollowingDeployer(SpotStub.AwsAccount), // the role's ARN follows its name and path, as CloudFormation's
        };
    }

    public void Dispose() => _cli.Dispose();

    private JsonObject State => JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.FullName, "spot-link.json")))!.AsObject();

    private ProcessResult Run(params string[] args) => _cli.Run(_stub.Environment, args);

    private ProcessResult Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.StdErr}");
        return result;
    }

    private static string LastLine(ProcessResult result) => result.StdOut.TrimEnd().Split('\n')[^1];

    private JsonObject Json() => JsonNode.Parse(Ok("link", "status", "--json").StdOut)!.AsObject();

    [Fact]
    public void Without_a_state_it_says_nothing_is_connected_and_what_connects_it()
    {
        var result = Run("link", "status");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--state", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("no such state file", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("`spot-connect link`", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_step_shows_what_is_recorded_and_the_next_command_until_nothing_is_due()
    {
        var prepared = Ok("link", "prepare");
        Assert.EndsWith("Next: `spot-connect link deploy` (the role is not deployed yet).", LastLine(prepared), StringComparison.Ordinal);
        var status = Ok("link", "status");
        Assert.Equal("Action needed: the role is not deployed yet. Next: `spot-connect link deploy`.", LastLine(status));
        Assert.Contains(State["spotAccountId"]!.GetValue<string>(), status.StdOut, StringComparison.Ordinal);
        Assert.Contains("created", status.StdOut, StringComparison.Ordinal); // how the Spot account came to be
        Assert.Equal(4, Run("link", "status", "--fail-on-pending").ExitCode);

        Ok("link", "deploy", "--bundles", "ocean,ocean.eks", "--role-path", "/spot/");
        var arn = "arn:aws:iam::123456789012:role/spot/Spot-Role"; // what the stand-in for the CDK CLI reports, as CloudFormation would
        var deployed = Json();
        Assert.Equal("incomplete", deployed["connection"]!.GetValue<string>());
        Assert.Equal("spot-connect link register", deployed["next"]!["command"]!.GetValue<string>());
        Assert.Equal(arn, deployed["roleArn"]!.GetValue<string>());
        Assert.False(deployed["registered"]!.GetValue<bool>());
        Assert.Equal("ocean,ocean.eks", deployed["settings"]!["spot:bundles"]!.GetValue<string>());
        Assert.Equal("/spot/", deployed["settings"]!["spot:rolePath"]!.GetValue<string>());
        Assert.Equal("SpotLinkStack", deployed["stackName"]!.GetValue<string>());
        Assert.NotNull(deployed["deployedAt"]);
        Assert.NotEmpty(deployed["policies"]!.AsArray());

        Ok("link", "register");
        var connected = Ok("link", "status", "--fail-on-pending");
        Assert.Equal($"Connected: Spot account {State["spotAccountId"]!.GetValue<string>()} uses {arn}; nothing is due.", LastLine(connected));
        Assert.Contains("--bundles (spot:bundles)", connected.StdOut, StringComparison.Ordinal); // settings by name
        Assert.Contains("ocean,ocean.eks", connected.StdOut, StringComparison.Ordinal);
        Assert.True(Json()["registered"]!.GetValue<bool>());
        Assert.Null(Json()["next"]);

        // A replaced role: Spot holds the old ARN until registered again.
        Ok("link", "deploy", "--bundles", "ocean,ocean.eks", "--role-path", "/spot/", "--role-name", "Spot-Role-2", "--replace-role");
        var replaced = Run("link", "status", "--fail-on-pending");
        Assert.Equal(4, replaced.ExitCode);
        Assert.Equal("Action needed: the role changed since Spot last confirmed it: Spot must be given arn:aws:iam::123456789012:role/spot/Spot-Role-2. Next: `spot-connect link register`.", LastLine(replaced));
        Assert.False(Json()["registered"]!.GetValue<bool>());
        Ok("link", "register");

        // Disconnected on purpose: nothing is due, and the status says how to connect again.
        Ok("link", "disconnect", "--delete-spot-account", "--yes");
        var disconnected = Ok("link", "status", "--fail-on-pending");
        Assert.StartsWith("Disconnected: the stack was destroyed ", LastLine(disconnected), StringComparison.Ordinal);
        Assert.EndsWith("nothing is due. `spot-connect link` connects the account again.", LastLine(disconnected), StringComparison.Ordinal);
        Assert.Contains("DELETED", disconnected.StdOut, StringComparison.Ordinal); // the Spot account
        var json = Json();
        Assert.Equal("disconnected", json["connection"]!.GetValue<string>());
        Assert.False(json["registered"]!.GetValue<bool>());
        Assert.NotNull(json["spotAccountDeletedAt"]);
        Assert.NotNull(json["stackDestroyedAt"]);
        Assert.Equal(0, _spot.Accounts.Count(a => a.Id == json["spotAccountId"]!.GetValue<string>()));
    }

    [Fact]
    public void A_hand_made_role_given_to_register_is_connected_and_nothing_is_due()
    {
        Ok("link", "prepare");
        Ok("link", "register", "--role-arn", "arn:aws:iam::123456789012:role/HandMade");

        var status = Ok("link", "status", "--fail-on-pending");

        Assert.StartsWith("Connected: ", LastLine(status), StringComparison.Ordinal);
        Assert.EndsWith("uses arn:aws:iam::123456789012:role/HandMade; nothing is due.", LastLine(status), StringComparison.Ordinal);
    }

    [Fact]
    public void Keeping_the_role_while_deleting_the_Spot_account_is_a_disconnect_not_a_pending_step()
    {
        Ok("link");
        Ok("link", "disconnect", "--keep-role", "--delete-spot-account", "--yes");

        var status = Ok("link", "status", "--fail-on-pending");

        Assert.StartsWith("Disconnected: the Spot account was deleted ", LastLine(status), StringComparison.Ordinal);
        Assert.Contains("(the role was kept)", LastLine(status), StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_disconnect_a_new_role_name_is_a_first_deploy_for_plan_and_deploy_alike()
    {
        Ok("link");
        Ok("link", "disconnect", "--yes");

        var plan = Ok("link", "plan", "--role-name", "Spot-Role-2");
        Assert.Contains("first deploy", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("--replace-role", plan.StdOut, StringComparison.Ordinal); // nothing stands to be replaced
        Ok("link", "deploy", "--role-name", "Spot-Role-2"); // accepted without --replace-role, as the plan said
        Assert.Equal("incomplete", Json()["connection"]!.GetValue<string>());
        Assert.Equal("spot-connect link register", Json()["next"]!["command"]!.GetValue<string>());
    }
}
