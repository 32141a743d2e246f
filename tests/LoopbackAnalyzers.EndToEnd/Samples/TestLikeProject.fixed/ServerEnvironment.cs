using System;

namespace TestLikeProject;

/// <summary>Environment for the server processes the tests start: they inherit these variables.</summary>
public static class ServerEnvironment
{
    public static void UseAnyFreePort() =>
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", $"http://127.0.0.1:{0}"); // LOOP001
}
