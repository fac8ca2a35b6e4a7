// SpotConnect's own CDK app: the public app host reads the spot:* context (cdk.json, -c) and builds SpotLinkStack,
// or SpotOrgStack with spot:orgState. Every project `spot-connect init` writes has the same Program.cs.
return SpotConnect.Hosting.SpotConnectApp.Run();
