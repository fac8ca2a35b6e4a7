using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpotConnect.Cdk;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>SpotOrgStack synthesized once per organization size (large states built in memory) and shared by the tests.</summary>
public sealed class OrgStackFixture
{
    public OrgStackFixture()
    {
        // Through the app, as `cdk synth -c spot:orgState=…` builds it.
        Three = Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(
            k => new Dictionary<string, object>
            {
                ["spot:orgState"] = OrgStates.Save(OrgStates.Build(3)),
                ["spot:orgRegion"] = "eu-west-1",
                ["spot:orgFailureTolerance"] = "25",
            }.GetValueOrDefault(k),
            _ => null)));
        One = Org(OrgStates.Build(1), bootstrapped: false, callAs: OrgCallAs.DelegatedAdmin);
        Thousand = Org(OrgStates.Build(1_000), bootstrapped: true);
        TenThousand = Org(OrgStates.Build(10_000), bootstrapped: true);

        // 300 accounts join, with ids below, between and above the ones already placed.
        var placed = ((SpotOrgStack)TenThousand.Stack).Spec.State;
        var joining = Enumerable.Range(0, 300).Select(i => OrgStates.Member((100_000_000_001L + (i * 33_333_333L)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        TenThousandAndMore = Org(placed with { Accounts = [.. placed.Accounts, .. joining] }, bootstrapped: true);
    }

    internal SynthesizedOrg Three { get; }

    internal SynthesizedOrg One { get; }

    internal SynthesizedOrg Thousand { get; }

    internal SynthesizedOrg TenThousand { get; }

    internal SynthesizedOrg TenThousandAndMore { get; }

    internal static SynthesizedOrg Org(OrgState state, bool bootstrapped, OrgCallAs? callAs = null) =>
        Synth.Org(app => new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
        {
            State = state, CallAs = callAs,
            Synthesizer = bootstrapped ? new Amazon.CDK.DefaultStackSynthesizer() : null,
        }));
}

[Collection(JsiiCollection.Name)]
public sealed partial class OrgStackTests(OrgStackFixture fixture) : IClassFixture<OrgStackFixture>
{
    /// <summary>A StackSet's member template (inline, or the asset file its TemplateURL names), parsed, with its size in bytes.</summary>
    internal static (JsonObject Template, int Bytes, bool Inline) Member(SynthesizedOrg synthesized, JsonObject stackSet)
    {
        var properties = stackSet["Properties"]!;
        if (properties["TemplateBody"] is { } body)
        {
            var text = body.GetValue<string>();
            return (JsonNode.Parse(text)!.AsObject(), Encoding.UTF8.GetByteCount(text), true);
        }

        var hash = AssetHash().Match(properties["TemplateURL"]!.ToJsonString()).Groups[1].Value;
        var file = Path.Combine(synthesized.Outdir, $"asset.{hash}.json");
        return (JsonNode.Parse(File.ReadAllText(file))!.AsObject(), (int)new FileInfo(file).Length, false);
    }

    private static IReadOnlyList<KeyValuePair<string, JsonObject>> StackSets(SynthesizedOrg s) => s.Resources("AWS::CloudFormation::StackSet");

    private static JsonObject Targets(JsonObject stackSet) => stackSet["Properties"]!["StackInstancesGroup"]![0]!["DeploymentTargets"]!.AsObject();

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(x => x!.GetValue<string>()).ToArray();

    [Fact]
    public void A_StackSet_deploys_the_member_template_to_the_states_accounts_as_the_contract_says()
    {
        var stackSet = Assert.Single(StackSets(fixture.Three));
        Assert.Equal("SpotConnect1", stackSet.Key);
        var expected = JsonNode.Parse($$"""
            {
              "AutoDeployment": { "Enabled": false },
              "CallAs": "SELF",
              "Capabilities": ["CAPABILITY_NAMED_IAM"],
              "Description": "{{SpotOrgStackSets.StackSetDescription}}",
              "ManagedExecution": { "Active": true },
              "OperationPreferences": { "ConcurrencyMode": "SOFT_FAILURE_TOLERANCE", "FailureTolerancePercentage": 25, "MaxConcurrentPercentage": 100 },
              "PermissionModel": "SERVICE_MANAGED",
              "StackInstancesGroup": [{
                "DeploymentTargets": {
                  "AccountFilterType": "INTERSECTION",
                  "Accounts": ["{{OrgStates.AccountId(0)}}", "{{OrgStates.AccountId(1)}}", "{{OrgStates.AccountId(2)}}"],
                  "OrganizationalUnitIds": ["ou-ab12-cdefgh34", "r-ab12"]
                },
                "Regions": ["eu-west-1"]
              }],
              "StackSetName": "SpotConnect-1"
            }
            """)!.AsObject();
        var actual = stackSet.Value["Properties"]!.DeepClone().AsObject();
        var body = actual["TemplateBody"]!.GetValue<string>();
        actual.Remove("TemplateBody");
        Assert.True(JsonNode.DeepEquals(expected, actual), actual.ToJsonString());

        // The member template: its mapping holds exactly the StackSet's accounts (sorted), and the trust reads it.
        var member = JsonNode.Parse(body)!.AsObject();
        var mapping = member["Mappings"]!["SpotExternalIds"]!.AsObject();
        Assert.Equal(Strings(Targets(stackSet.Value)["Accounts"]), mapping.Select(kv => kv.Key));
        Assert.All(mapping, kv => Assert.Equal(OrgStates.ExternalIdOf(kv.Key), kv.Value!["ExternalId"]!.GetValue<string>()));
        var role = member["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role").Value!;
        Assert.Equal(
            """{"Fn::FindInMap":["SpotExternalIds",{"Ref":"AWS::AccountId"},"ExternalId"]}""",
            role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.ToJsonString());
        Assert.False(member.ContainsKey("Parameters"));
        Assert.Equal("aws", member["Rules"]!["PartitionRule"]!["Assertions"]![0]!["Assert"]!["Fn::Equals"]![1]!.GetValue<string>());

        // Outputs: per StackSet its name and account count, and the management account's role.
        var outputs = fixture.Three.Json["Outputs"]!.AsObject();
        Assert.Equal(["SpotConnect1Name", "SpotConnect1Accounts", "SpotRoleArn"], outputs.Select(o => o.Key));
        Assert.Equal("SpotConnect-1", outputs["SpotConnect1Name"]!["Value"]!.GetValue<string>());
        Assert.Equal("3", outputs["SpotConnect1Accounts"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public void The_management_account_holds_its_own_role_only_when_it_is_the_admin()
    {
        // SELF: the management account's role and policies are in SpotOrgStack itself, with its own external id.
        var role = Assert.Single(fixture.Three.Resources("AWS::IAM::Role"));
        Assert.Equal("SpotLinkRoleD9A59D3A", role.Key); // the same logical id as SpotLinkStack's role
        Assert.Equal("Spot-Role", role.Value["Properties"]!["RoleName"]!.GetValue<string>());
        Assert.Equal(OrgStates.ExternalIdOf(OrgStates.ManagementAccountId),
            role.Value["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
        Assert.NotEmpty(fixture.Three.Resources("AWS::IAM::ManagedPolicy"));
        Assert.DoesNotContain(OrgStates.ManagementAccountId, Strings(Targets(StackSets(fixture.Three).Single().Value)["Accounts"]));
        Assert.NotNull(fixture.Three.Json["Rules"]!["PartitionRule"]);
        var accountRule = fixture.Three.Json["Rules"]!["ManagementAccountRule"]!["Assertions"]![0]!["Assert"]!.ToJsonString();
        Assert.Equal($$"""{"Fn::Equals":[{"Ref":"AWS::AccountId"},"{{OrgStates.ManagementAccountId}}"]}""", accountRule);

        // DELEGATED_ADMIN: no role of its own (the management account needs `spot-connect link`).
        Assert.Empty(fixture.One.Resources("AWS::IAM::Role"));
        Assert.Empty(fixture.One.Resources("AWS::IAM::ManagedPolicy"));
        Assert.False(fixture.One.Json["Outputs"]!.AsObject().ContainsKey("SpotRoleArn"));
        Assert.False(fixture.One.Json["Rules"]!.AsObject().ContainsKey("ManagementAccountRule"));
        var stackSet = Assert.Single(StackSets(fixture.One)).Value;
        Assert.Equal("DELEGATED_ADMIN", stackSet["Properties"]!["CallAs"]!.GetValue<string>());
        Assert.Equal([OrgStates.AccountId(0)], Strings(Targets(stackSet)["Accounts"]));
        Assert.Equal("us-east-1", Strings(stackSet["Properties"]!["StackInstancesGroup"]![0]!["Regions"]).Single());
    }

    [Fact]
    public void The_member_template_is_SpotLinkStacks_role_policies_rule_and_outputs()
    {
        var link = Synth.App(new() { ["spot:externalId"] = "placeholder" }).Json; // as the app names settings, as fixture.Three was built
        var member = JsonNode.Parse(StackSets(fixture.Three).Single().Value["Properties"]!["TemplateBody"]!.GetValue<string>())!.AsObject();

        var linkResources = link["Resources"]!.DeepClone().AsObject();
        foreach (var (_, resource) in linkResources)
        {
            resource!.AsObject().Remove("Metadata");
        }

        linkResources["SpotLinkRoleD9A59D3A"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"] =
            JsonNode.Parse("""{"Fn::FindInMap":["SpotExternalIds",{"Ref":"AWS::AccountId"},"ExternalId"]}""");
        Assert.True(JsonNode.DeepEquals(linkResources, member["Resources"]), "member resources differ from SpotLinkStack's");
        Assert.True(JsonNode.DeepEquals(link["Rules"], member["Rules"]));
        Assert.Equal(link["Outputs"]!.AsObject().Select(o => o.Key), member["Outputs"]!.AsObject().Select(o => o.Key));
    }

    public static TheoryData<int> LargeSizes => new() { 1_000, 10_000 };

    [Theory]
    [MemberData(nameof(LargeSizes))]
    public void Large_organizations_are_split_into_StackSets_within_every_CloudFormation_limit(int accounts)
    {
        var synthesized = accounts == 1_000 ? fixture.Thousand : fixture.TenThousand;
        var spec = ((SpotOrgStack)synthesized.Stack).Spec;
        var stackSets = StackSets(synthesized);
        Assert.Equal((accounts + spec.Capacity.Accounts - 1) / spec.Capacity.Accounts, stackSets.Count);

        var seen = new List<string>();
        foreach (var (index, stackSet) in stackSets.Select((s, i) => (i, s.Value)))
        {
            var targets = Strings(Targets(stackSet)["Accounts"]);
            var (member, bytes, inline) = Member(synthesized, stackSet);
            var mapping = member["Mappings"]!["SpotExternalIds"]!.AsObject();
            Assert.Equal(targets, mapping.Select(kv => kv.Key));
            Assert.Equal(targets.Order(StringComparer.Ordinal), targets);
            Assert.InRange(targets.Length, 1, spec.Capacity.Accounts);
            Assert.True(index == stackSets.Count - 1 || targets.Length == spec.Capacity.Accounts, "only the last StackSet may be partly filled");
            Assert.InRange(bytes, 1, inline ? OrgLimits.InlineTemplateBytes : OrgLimits.TemplateUrlBytes);
            Assert.Equal(inline, bytes <= OrgLimits.InlineTemplateBytes);
            Assert.Equal($"SpotConnect-{index + 1}", stackSet["Properties"]!["StackSetName"]!.GetValue<string>());
            Assert.True(member.Count(kv => kv.Key == "Mappings") == 1 && mapping.Count <= 100_000);
            seen.AddRange(targets);
        }

        Assert.Equal(Enumerable.Range(0, accounts).Select(OrgStates.AccountId), seen);

        // SpotOrgStack's own template: within the 1 MB of a stack template in S3, its estimate never below it.
        var compact = Encoding.UTF8.GetByteCount(Policies.PolicyJson.ToCompactString(synthesized.Json));
        Assert.InRange(compact, 1, spec.EstimatedStackBytes);
        Assert.InRange(Encoding.UTF8.GetByteCount(synthesized.Text), 1, OrgLimits.StackTemplateUrlBytes);
        Assert.InRange(synthesized.Json["Outputs"]!.AsObject().Count, 1, OrgLimits.OutputsPerTemplate);
        Assert.InRange(synthesized.Json["Resources"]!.AsObject().Count, 1, OrgLimits.ResourcesPerTemplate);
    }

    [Fact]
    public void Accounts_already_in_a_StackSet_stay_there_when_accounts_join()
    {
        string[] Placement(SynthesizedOrg s) => StackSets(s)
            .SelectMany(kv => Strings(Targets(kv.Value)["Accounts"]).Select(a => $"{a}:{kv.Value["Properties"]!["StackSetName"]}"))
            .ToArray();

        var before = Placement(fixture.TenThousand);
        var after = Placement(fixture.TenThousandAndMore);
        Assert.Subset(after.ToHashSet(), before.ToHashSet());
        Assert.Equal(10_300, after.Length);

        // Every joining account filled the last StackSet or a new one; the StackSets before it are unchanged.
        var lastBefore = StackSets(fixture.TenThousand)[^1].Value["Properties"]!["StackSetName"]!.GetValue<string>();
        var joined = after.Except(before).Select(p => p.Split(':')[1]).Distinct().ToArray();
        Assert.All(joined, name => Assert.True(string.CompareOrdinal(name, lastBefore) >= 0, name));
        foreach (var stackSet in StackSets(fixture.TenThousand).SkipLast(1))
        {
            var name = stackSet.Key;
            Assert.True(JsonNode.DeepEquals(stackSet.Value, fixture.TenThousandAndMore.Json["Resources"]![name]), $"{name} changed");
        }
    }

    [Fact]
    public void A_full_StackSet_still_fits_when_the_selection_grows_later()
    {
        // Placed while the selection was small ('general'), filled to capacity…
        var general = SpotLinkSpec.Resolve(new SpotLinkOptions { Bundles = Selection.BundleSelection.Parse("general") });
        var state = OrgStates.Build(1);
        var capacity = SpotOrgSpec.CapacityOf(state, general, bootstrapped: true).Accounts;
        state = OrgStackSetPlanner.Assign(OrgStates.Build(capacity), capacity);
        Assert.Single(state.StackSets);

        // …then every bundle, every region and Spot's tag restriction: the kept tenth absorbs it, no account moves.
        var grown = Synth.Org(app => new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
        {
            State = state,
            Bundles = Selection.BundleSelection.Parse("default,security-audit"),
                Regions = [.. Catalog.LeastPrivilegeData.Spot.Regions.Aws],
                RestrictToSpotResources = true,
            Synthesizer = new Amazon.CDK.DefaultStackSynthesizer(),
        }));
        var stackSet = Assert.Single(StackSets(grown)).Value;
        var (_, bytes, inline) = Member(grown, stackSet);
        Assert.False(inline);
        Assert.InRange(bytes, 1, OrgLimits.TemplateUrlBytes);
        Assert.Equal(capacity, Strings(Targets(stackSet)["Accounts"]).Length);
    }

    [Fact]
    public void The_largest_organization_accepted_without_bootstrap_deploys_inline_as_the_CDK_CLI_measures_it()
    {
        var link = SpotLinkSpec.Resolve(new SpotLinkOptions());
        bool Accepted(int members) => SpotOrgSpec.TryResolve(new SpotOrgOptions { State = OrgStates.Build(members) }, new SpotLinkOptions(), bootstrapped: false, []) is not null;
        int low = 1, high = 2_000;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Accepted(middle) ? (middle, high) : (low, middle - 1);
        }

        Assert.InRange(low, 100, 1_000);
        var largest = OrgStackFixture.Org(OrgStates.Build(low), bootstrapped: false);
        var spec = ((SpotOrgStack)largest.Stack).Spec;
        var cli = TemplateSize.CdkCli(largest.Json, fixture.Three.Json, fixture.Thousand.Json, fixture.TenThousand.Json);
        Assert.InRange(cli[0], 1, OrgLimits.InlineTemplateBytes);

        // Everywhere, the estimate bounds what the CLI measures (and uploads to S3 when bootstrapped, up to 1 MB).
        var specs = new[] { spec, ((SpotOrgStack)fixture.Three.Stack).Spec, ((SpotOrgStack)fixture.Thousand.Stack).Spec, ((SpotOrgStack)fixture.TenThousand.Stack).Spec };
        Assert.All(specs.Zip(cli), x => Assert.InRange(x.Second, 1, x.First.CdkCliStackBytes));
        Assert.InRange(cli[3], 1, OrgLimits.StackTemplateUrlBytes);
    }

    [Fact]
    public void The_size_model_never_undercounts_and_stays_close()
    {
        var measured = new List<(string Selection, int Model, int Real)>();
        var restricted = new SpotLinkOptions
        {
            Regions = ["eu-west-1", "eu-central-1"],
            RestrictToSpotResources = true,
            KmsKeyArns = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
            LogBucket = "ocean-logs",
            RolePermissionsBoundary = "SpotBoundary",
            Tags = new Dictionary<string, string> { ["Team"] = "platform", ["CostCenter"] = "4711" },
        };
        foreach (var selection in new[] { "default", "general", "ocean,ocean.eks", "default,security-audit", "storage", "elastigroup.beanstalk,elastigroup.emr", "restricted default", "restricted ocean" })
        {
            var options = selection.StartsWith("restricted ", StringComparison.Ordinal) ? restricted with { Bundles = Selection.BundleSelection.Parse(selection["restricted ".Length..]) } : new SpotLinkOptions { Bundles = Selection.BundleSelection.Parse(selection) };
            var link = SpotLinkSpec.Resolve(options with { RoleName = "Spot-Role-With-A-Longer-Name" });
            var app = Synth.PlainApp();
            var member = OrgMemberTemplate.Synthesize(app, link, null);
            var empty = Encoding.UTF8.GetByteCount(member.For([]));
            var model = SpotOrgSpec.BaseBytes(link);
            measured.Add((selection, model, empty));

            // Each mapping entry costs exactly what the model says (the last one has no comma).
            var accounts = Enumerable.Range(0, 50).Select(i => OrgStates.Member(OrgStates.AccountId(i))).ToArray();
            Assert.Equal(empty + accounts.Sum(a => OrgTemplateSize.EntryBytes(a.AwsAccountId, a.ExternalId!)) - 1, Encoding.UTF8.GetByteCount(member.For(accounts)));
        }

        Assert.True(measured.All(m => m.Model - m.Real is >= 0 and <= OrgTemplateSize.Slack), string.Join("; ", measured.Select(m => $"{m.Selection}: model {m.Model}, real {m.Real}")));
    }

    [Fact]
    public void The_same_state_gives_a_byte_identical_template()
    {
        var again = OrgStackFixture.Org(OrgStates.Build(1), bootstrapped: false, callAs: OrgCallAs.DelegatedAdmin);
        Assert.Equal(fixture.One.Text, again.Text);
    }

    [Fact]
    public void Library_users_get_every_problem_at_once_named_as_their_props()
    {
        var e = Assert.Throws<Validation.SpotConnectValidationException>(() => new SpotOrgStack(Synth.PlainApp(), "SpotOrgStack", new SpotOrgStackProps
        {
            Bundles = null, RoleName = "bad role",
            Region = "eu-west-9", FailureTolerance = 101,
        }));
        Assert.Equal(["RoleName", "Region", "FailureTolerance", "State"], e.Problems.Select(p => p.Field));
        Assert.Contains("State: no value is invalid: required: the org state file, which records the organization's accounts and their external ids.", e.Message, StringComparison.Ordinal);

        // The props of a rollout have no external id to set: each account's comes from the state.
        Assert.Null(typeof(SpotOrgStackProps).GetProperty("ExternalId"));
        Assert.Null(typeof(ISpotOrgStackSetsProps).GetProperty("ExternalId"));
    }

    [Fact]
    public void Retain_on_delete_keeps_the_StackSets_and_every_members_role_and_policies()
    {
        var synthesized = Synth.Org(app => new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
        {
            State = OrgStates.Build(1),
            RemovalPolicy = Amazon.CDK.RemovalPolicy.RETAIN,
        }));
        var stackSet = StackSets(synthesized).Single().Value;
        Assert.Equal("Retain", stackSet["DeletionPolicy"]!.GetValue<string>());
        var member = Member(synthesized, stackSet).Template["Resources"]!.AsObject();
        Assert.All(member, r => Assert.Equal("Retain", r.Value!["DeletionPolicy"]!.GetValue<string>()));
        Assert.All(synthesized.Resources("AWS::IAM::Role").Concat(synthesized.Resources("AWS::IAM::ManagedPolicy")), r => Assert.Equal("Retain", r.Value["DeletionPolicy"]!.GetValue<string>()));
    }

    [Fact]
    public void The_role_path_reaches_every_members_role_and_the_management_accounts_role()
    {
        var synthesized = Synth.Org(app => new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
        {
            State = OrgStates.Build(2),
            RolePath = "/vendor/spot/",
        }));
        var member = Member(synthesized, StackSets(synthesized).Single().Value).Template["Resources"]!.AsObject();
        var memberRole = member.Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role").Value!;
        Assert.Equal("/vendor/spot/", memberRole["Properties"]!["Path"]!.GetValue<string>());
        var management = Assert.Single(synthesized.Resources("AWS::IAM::Role")).Value;
        Assert.Equal("/vendor/spot/", management["Properties"]!["Path"]!.GetValue<string>());

        var plain = Synth.Org(app => new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps { State = OrgStates.Build(2) }));
        Assert.Null(Assert.Single(plain.Resources("AWS::IAM::Role")).Value["Properties"]!["Path"]);
        var plainMember = Member(plain, StackSets(plain).Single().Value).Template["Resources"]!.AsObject();
        Assert.Null(plainMember.Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role").Value!["Properties"]!["Path"]);
    }

    [GeneratedRegex("([0-9a-f]{64})\\.json")]
    private static partial Regex AssetHash();
}
