using System.Text.Json.Nodes;
using SpotConnect.Cli.Link;
using SpotConnect.Link;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>A deployer whose SpotRoleArn follows the role name and path it was asked for, as CloudFormation's would.</summary>
internal sealed class RoleFollowingDeployer(string account) : IStackDeployer
{
    public List<DeployRequest> Requests { get; } = [];

    public Task<IReadOnlyDictionary<string, string>> DeployAsync(DeployRequest request, Action<string> report, CancellationToken cancellation)
    {
        Requests.Add(request);
        var arn = $"arn:aws:iam::{account}:role{request.ContextValue("spot:rolePath") ?? "/"}{request.ContextValue("spot:roleName") ?? "Spot-Role"}";
        return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["SpotRoleArn"] = arn });
    }

    public Task DestroyAsync(DeployRequest request, Action<string> report, CancellationToken cancellation) => Task.CompletedTask;
}

/// <summary>
/// <c>link plan</c>, the link's deploy record and the role replacement guard: against the deploy recorded in the state,
/// no AWS, Node or CDK for the plan (the stand-in deployer records what deploy asked).
/// </summary>
public sealed class LinkPlanTests : IDisposable
{
    private const string SpotAccount = "act-1a2b3c4d";
    private const string ExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-";
    private const string RoleArn = "arn:aws:iam::123456789012:role/Spot-Role";

    private readonly SpotStub _stub = new();
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-plan-");
    private readonly RoleFollowingDeployer _deployer = new(SpotStub.AwsAccount);
    private readonly SpotCliHarness _cli;

    public LinkPlanTests()
    {
        _cli = new SpotCliHarness(_stub, _dir, new RecordingDeployer(), propagationTimeout: TimeSpan.FromSeconds(1));
        _cli.Deployer = _deployer;
        LinkStateStore.Save(StatePath, new LinkState
        {
            AwsAccountId = SpotStub.AwsAccount,
            Partition = "aws",
            SpotAccountId = SpotAccount,
            ExternalId = ExternalId,
        });
    }

    public void Dispose() => _cli.Dispose();

    private string StatePath => Path.Combine(_dir.FullName, "spot-link.json");

    private JsonObject State => JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();

    private ProcessResult Run(params string[] args) => _cli.Run(_stub.Environment, args);

    private ProcessResult Deploy(params string[] more)
    {
        var result = Run(["link", "deploy", .. more]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return result;
    }

    [Fact]
    public void A_state_from_before_deploys_were_recorded_plans_as_a_first_deploy()
    {
        // As every state `link deploy` wrote before this step: deployed (stack name, role, time) and linked, no record.
        var old = File.ReadAllText(StatePath).Replace("\"externalId\"", $"\"stackName\": \"SpotLinkStack\", \"roleArn\": \"{RoleArn}\", \"deployedAt\": \"2024-05-01T00:00:00+00:00\", \"linkedAt\": \"2024-05-01T00:01:00+00:00\", \"externalId\"", StringComparison.Ordinal);
        File.WriteAllText(StatePath, old);

        var plan = Run("link", "plan");
        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("first deploy", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("Role: created: arn:aws:iam::123456789012:role/Spot-Role", plan.StdOut, StringComparison.Ordinal);
        Assert.Equal(4, Run("link", "plan", "--fail-on-change").ExitCode);
        var json = JsonNode.Parse(Run("link", "plan", "--json").StdOut)!;
        Assert.True(json["firstDeploy"]!.GetValue<bool>());
        Assert.True(json["changed"]!.GetValue<bool>());
        Assert.Empty(_deployer.Requests); // plan never deploys
        Assert.Equal(old, File.ReadAllText(StatePath)); // nor writes

        // The old state's role ARN still guards against a silent replacement.
        var renamed = Run("link", "deploy", "--role-name", "Other-Role");
        Assert.Equal(2, renamed.ExitCode);
        Assert.Contains("--role-name: 'Other-Role' is invalid: the deployed role is named 'Spot-Role'", renamed.StdErr, StringComparison.Ordinal);
        Assert.Contains("this deploy would replace it", Run("link", "plan", "--role-name", "Other-Role").StdOut, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);
    }

    [Fact]
    public void Settings_in_cdk_json_reach_deploy_and_plan_without_an_option_and_an_option_takes_their_place_for_one_run_only()
    {
        ConnectionProjectFiles.Write(_dir, context: """{"spot:bundles": ["ocean", "ocean.eks"], "spot:tags": {"team": "platform"}}""");

        Deploy();

        Assert.Equal("ocean,ocean.eks", State["deployed"]!["settings"]!["spot:bundles"]!.GetValue<string>());
        Assert.Equal("team=platform", State["deployed"]!["settings"]!["spot:tags"]!.GetValue<string>());
        Assert.Contains(_deployer.Requests.Single().Context, kv => kv.Key == "spot:bundles" && kv.Value == "ocean,ocean.eks");

        // A plan without options reads the same cdk.json: nothing to change (not "default", +permissions).
        var plan = Run("link", "plan", "--fail-on-change");
        Assert.True(plan.ExitCode == 0, plan.StdOut + plan.StdErr);
        Assert.Contains("No change: `link deploy` with these options changes nothing", plan.StdOut, StringComparison.Ordinal);

        // An option takes the place of cdk.json for this run, and says so; cdk.json itself is unchanged.
        var widened = Run("link", "plan", "--bundles", "default", "--fail-on-change");
        Assert.Equal(4, widened.ExitCode);
        Assert.Contains("--bundles default takes the place of spot:bundles = ocean,ocean.eks in cdk.json, for this run only", widened.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, Run("link", "plan", "--fail-on-change").ExitCode);

        // A bad value in cdk.json is named by its key there, with the option's problems, all at once.
        ConnectionProjectFiles.Write(_dir, context: """{"spot:bundles": "oceans"}""");
        var bad = Run("link", "deploy", "--role-name", "bad name!");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("spot:bundles (cdk.json): 'oceans' is invalid", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("--role-name: 'bad name!' is invalid", bad.StdErr, StringComparison.Ordinal);
        Assert.Single(_deployer.Requests);
    }

    [Fact]
    public void A_registered_hand_made_role_is_not_a_deployed_one_to_guard()
    {
        // `link register --role-arn` of a role made by hand (before moving it under SpotLinkStack): no stack was deployed.
        File.WriteAllText(StatePath, File.ReadAllText(StatePath).Replace("\"externalId\"", "\"roleArn\": \"arn:aws:iam::123456789012:role/MyHandMadeRole\", \"linkedAt\": \"2024-05-01T00:01:00+00:00\", \"externalId\"", StringComparison.Ordinal));

        Deploy();

        Assert.Single(_deployer.Requests);
    }

    [Fact]
    public void Deploy_records_what_it_deployed_and_the_same_options_plan_no_change()
    {
        Deploy("--bundles", "ocean,ocean.eks", "--tags", "team=platform");

        var deployed = State["deployed"]!.AsObject();
        Assert.Equal("ocean,ocean.eks", deployed["settings"]!["spot:bundles"]!.GetValue<string>());
        Assert.Equal("Spot-Role", deployed["role"]!["name"]!.GetValue<string>());
        Assert.Equal("/", deployed["role"]!["path"]!.GetValue<string>());
        Assert.Equal("platform", deployed["role"]!["tags"]!["team"]!.GetValue<string>());
        Assert.Equal("Spot-Policy", deployed["policies"]![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("AWS::Partition", deployed["policies"]![0]!["document"]!.ToJsonString(), StringComparison.Ordinal); // as IAM stores it
        Assert.NotNull(deployed["deployedAt"]);

        foreach (var args in new[] { new[] { "link", "plan" }, ["link", "plan", "--json"], ["link", "plan", "--markdown"] })
        {
            var same = Run([.. args, "--bundles", "ocean.eks,ocean", "--tags", "team=platform", "--fail-on-change"]);
            Assert.True(same.ExitCode == 0, same.StdOut + same.StdErr);
            Assert.Equal(string.Empty, same.StdErr);
        }

        var text = Run("link", "plan", "--bundles", "ocean,ocean.eks", "--tags", "team=platform");
        Assert.Contains("No change", text.StdOut, StringComparison.Ordinal);
        var json = JsonNode.Parse(Run("link", "plan", "--bundles", "ocean,ocean.eks", "--tags", "team=platform", "--json").StdOut)!;
        Assert.False(json["changed"]!.GetValue<bool>());
        Assert.False(json["firstDeploy"]!.GetValue<bool>());
        Assert.Equal("none", json["role"]!["action"]!.GetValue<string>());
        Assert.Contains("**No change**", Run("link", "plan", "--bundles", "ocean,ocean.eks", "--tags", "team=platform", "--markdown").StdOut, StringComparison.Ordinal);

        // The options of the deploy, as a job passes them: accepted; the one that changes nothing for a plan said once.
        var asDeploy = Run("link", "plan", "--bundles", "ocean,ocean.eks", "--tags", "team=platform", "--replace-role", "--project", ".", "--fail-on-change");
        Assert.True(asDeploy.ExitCode == 0, asDeploy.StdOut + asDeploy.StdErr);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(asDeploy.StdOut, "--replace-role changes nothing for a plan"));
        Assert.Contains("> --replace-role changes nothing for a plan", Run("link", "plan", "--replace-role", "--markdown").StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_narrowed_selection_lists_the_permissions_it_removes()
    {
        Deploy();

        var plan = Run("link", "plan", "--bundles", "ocean,ocean.eks");

        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("--bundles", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("  - route53:ChangeResourceRecordSets", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("  - elasticmapreduce:*", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("  + ", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("ec2:RunInstances", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("Role: unchanged", plan.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("Next: `spot-connect link deploy` with the same options makes them.", plan.StdOut.TrimEnd(), StringComparison.Ordinal); // the last line: what and what next
        Assert.Equal(4, Run("link", "plan", "--bundles", "ocean,ocean.eks", "--fail-on-change").ExitCode);

        var json = JsonNode.Parse(Run("link", "plan", "--bundles", "ocean,ocean.eks", "--json").StdOut)!;
        Assert.Empty(json["permissions"]!["added"]!.AsArray());
        Assert.Contains(json["permissions"]!["removed"]!.AsArray(), r => r!["action"]!.GetValue<string>() == "route53:ChangeResourceRecordSets");
        Assert.Equal("default", json["settings"]![0]!["deployed"]!.GetValue<string>());
        Assert.Equal("ocean,ocean.eks", json["settings"]![0]!["planned"]!.GetValue<string>());

        var markdown = Run("link", "plan", "--bundles", "ocean,ocean.eks", "--markdown").StdOut;
        Assert.StartsWith("### spot-connect link plan", markdown, StringComparison.Ordinal);
        Assert.Contains("| `--bundles` | `default` | `ocean,ocean.eks` |", markdown, StringComparison.Ordinal);
        Assert.Contains("- route53:ChangeResourceRecordSets", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_widened_selection_lists_the_permissions_it_adds_condition_aware()
    {
        Deploy("--bundles", "ocean", "--restrict-to-spot-resources");

        var plan = Run("link", "plan", "--bundles", "ocean,ocean.eks,security-audit");
        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("  + eks:", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("  + ec2:TerminateInstances", plan.StdOut, StringComparison.Ordinal); // the tag condition is dropped: broader
        Assert.Contains("SecurityAudit (AWS managed, attached)", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("  - ", plan.StdOut, StringComparison.Ordinal);

        // A pull request's summary shows the attachment too, not only the statements' grants: the same rows as the text.
        var markdown = Run("link", "plan", "--bundles", "ocean,ocean.eks,security-audit", "--markdown").StdOut;
        Assert.Contains("\n+ arn:aws:iam::aws:policy/SecurityAudit (AWS managed, attached)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n+ eks:DescribeNodegroup\n", markdown, StringComparison.Ordinal);
        Assert.Contains("AWS managed policies +1 -0", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_and_boundary_update_the_role_in_place()
    {
        Deploy();
        var plan = Run("link", "plan", "--tags", "team=platform", "--permissions-boundary", "SpotBoundary", "--fail-on-change");
        Assert.Equal(4, plan.ExitCode);
        Assert.Contains("Role: updated in place", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("~ tags: (none) -> team=platform", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("~ permissionsBoundary: (none) -> SpotBoundary", plan.StdOut, StringComparison.Ordinal);
        Deploy("--tags", "team=platform"); // no guard: the ARN stays
    }

    [Fact]
    public void A_role_replacement_is_planned_refused_without_replace_role_and_then_registered_again()
    {
        Deploy();
        File.WriteAllText(StatePath, File.ReadAllText(StatePath).Replace("\"deployed\":", "\"linkedAt\": \"2024-05-01T00:01:00+00:00\",\n  \"deployed\":", StringComparison.Ordinal));

        var plan = Run("link", "plan", "--role-path", "/vendor/spot/", "--role-name", "SpotRole");
        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("Role: REPLACED: arn:aws:iam::123456789012:role/Spot-Role -> arn:aws:iam::123456789012:role/vendor/spot/SpotRole", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("~ path: / -> /vendor/spot/  (replaces the role)", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("refuses this without --replace-role", plan.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("Next: `spot-connect link deploy` with the same options and --replace-role makes them.", plan.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.True(JsonNode.Parse(Run("link", "plan", "--role-path", "/vendor/spot/", "--json").StdOut)!["role"]!["replaced"]!.GetValue<bool>());
        Assert.Contains("**REPLACED**", Run("link", "plan", "--role-path", "/vendor/spot/", "--markdown").StdOut, StringComparison.Ordinal);

        var before = File.ReadAllText(StatePath);
        var refused = Run("link", "deploy", "--role-path", "/vendor/spot/", "--role-name", "SpotRole");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(string.Empty, refused.StdOut);
        Assert.Contains("--role-path: '/vendor/spot/' is invalid: the deployed role's path is '/'", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("--role-name: 'SpotRole' is invalid: the deployed role is named 'Spot-Role'", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("--replace-role", refused.StdErr, StringComparison.Ordinal);
        Assert.Single(_deployer.Requests);
        Assert.Equal(before, File.ReadAllText(StatePath));

        var replaced = Deploy("--role-path", "/vendor/spot/", "--role-name", "SpotRole", "--replace-role");
        Assert.Contains("Next: `spot-connect link register` (the role changed since Spot last confirmed it", replaced.StdOut, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/vendor/spot/SpotRole", State["roleArn"]!.GetValue<string>());
        Assert.Null(State["linkedAt"]);
        Assert.True(State["registrationRequired"]!.GetValue<bool>());
        Assert.Equal("/vendor/spot/", State["deployed"]!["role"]!["path"]!.GetValue<string>());
        Assert.Equal(0, Run("link", "plan", "--role-path", "/vendor/spot/", "--role-name", "SpotRole", "--fail-on-change").ExitCode);

        // Going back without --replace-role is a replacement too.
        Assert.Equal(2, Run("link", "deploy").ExitCode);
    }

    [Fact]
    public void A_new_external_id_is_named_by_the_state_file_that_holds_it_not_by_an_option()
    {
        const string NewExternalId = "Zq9WFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-";
        Deploy();
        _stub.On("GET", "/setup/account", 200, SpotStub.Envelope(new JsonObject { ["accountId"] = SpotAccount, ["name"] = "aws-123456789012" }));
        _stub.On("POST", "/setup/credentials/aws/externalId", 200, SpotStub.Envelope(new JsonObject { ["externalId"] = NewExternalId, ["maxValidUntil"] = "2099-01-01T00:00:00.000Z" }), param: ("accountId", SpotAccount));
        var prepared = Run("link", "prepare", "--new-external-id");
        Assert.True(prepared.ExitCode == 0, prepared.StdErr);
        Assert.Equal(NewExternalId, State["externalId"]!.GetValue<string>());

        // No command takes --external-id: `link prepare` wrote it into the state file, and the plan says so.
        const string Name = "external id (state file, from `link prepare`)";
        var text = Run("link", "plan", "--fail-on-change");
        var markdown = Run("link", "plan", "--markdown").StdOut;
        var json = Run("link", "plan", "--json").StdOut;
        Assert.Equal(4, text.ExitCode);
        Assert.Contains($"  ~ {Name}: {ExternalId} -> {NewExternalId}", text.StdOut, StringComparison.Ordinal);
        Assert.Contains($"| {Name} | `{ExternalId}` | `{NewExternalId}` |", markdown, StringComparison.Ordinal);
        var setting = JsonNode.Parse(json)!["settings"]!.AsArray().Single()!;
        Assert.Equal(Name, setting["setting"]!.GetValue<string>());
        Assert.Equal("spot:externalId", setting["key"]!.GetValue<string>());
        Assert.Equal(ExternalId, setting["deployed"]!.GetValue<string>());
        Assert.Equal(NewExternalId, setting["planned"]!.GetValue<string>());
        Assert.All(new[] { text.StdOut, markdown, json }, output => Assert.DoesNotContain("--external-id", output, StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_plan_input_exits_2_with_nothing_on_stdout()
    {
        var both = Run("link", "plan", "--json", "--markdown");
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(string.Empty, both.StdOut);
        Assert.Contains("--markdown", both.StdErr, StringComparison.Ordinal);

        var bad = Run("link", "plan", "--bundles", "nope", "--role-path", "vendor");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(string.Empty, bad.StdOut);
        Assert.Contains("--bundles", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("--role-path", bad.StdErr, StringComparison.Ordinal);

        var missing = Run("link", "plan", "--state", "missing.json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--state", missing.StdErr, StringComparison.Ordinal);

        // No state and a bad option: both at once, for plan and for deploy (which changes nothing).
        foreach (var command in new[] { "plan", "deploy" })
        {
            var both2 = Run("link", command, "--state", "missing.json", "--role-path", "vendor");
            Assert.Equal(2, both2.ExitCode);
            Assert.Contains("2 invalid inputs", both2.StdErr, StringComparison.Ordinal);
            Assert.Contains("--state: '", both2.StdErr, StringComparison.Ordinal);
            Assert.Contains("--role-path: 'vendor' is invalid", both2.StdErr, StringComparison.Ordinal);
        }

        var org = Run("org", "plan", "--state", "missing-org.json", "--bundles", "nope");
        Assert.Equal(2, org.ExitCode);
        Assert.Contains("--state: '", org.StdErr, StringComparison.Ordinal);
        Assert.Contains("--bundles: 'nope' is invalid", org.StdErr, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);
    }
}
