using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>The address of an endpoint site, resolved as far as constants allow.</summary>
    internal readonly struct ResolvedAddress
    {
        public ResolvedAddress(AddressKind kind, IOperation? operand, IOperation? origin, string? text)
        {
            Kind = kind;
            Operand = operand;
            Origin = origin;
            Text = text;
        }

        public AddressKind Kind { get; }

        /// <summary>The operand at the site that carries the address (the argument); null for implicit addresses.</summary>
        public IOperation? Operand { get; }

        /// <summary>The expression that defines the value: the operand itself, a local's initializer, a field's initializer.</summary>
        public IOperation? Origin { get; }

        /// <summary>How the address is written, when it came from a string ("0.0.0.0", "localhost").</summary>
        public string? Text { get; }

        public string Describe() => Text ?? AddressText.Describe(Kind);
    }

    /// <summary>A constant port value and the operand that wrote it (a branch of a conditional, or null inside a URL).</summary>
    internal readonly struct PortValue
    {
        public PortValue(long value, IOperation? source, Location? location = null)
        {
            Value = value;
            Source = source;
            Location = location;
        }

        public long Value { get; }

        public IOperation? Source { get; }

        /// <summary>Where to report this value when it is not written at the site (an optional parameter's default).</summary>
        public Location? Location { get; }
    }

    /// <summary>A URL inside a string operand, with the string's value traced to its source characters.</summary>
    internal sealed class UrlEndpoint
    {
        public UrlEndpoint(IOperation operand, StringValue value, UrlParts parts)
        {
            Operand = operand;
            Value = value;
            Parts = parts;
        }

        /// <summary>The string operand at the site (an argument, or an element of an array argument).</summary>
        public IOperation Operand { get; }

        public StringValue Value { get; }

        public UrlParts Parts { get; }
    }

    /// <summary>
    /// One place where code binds or connects. Found once per operation; an operation that names several
    /// endpoints ("http://*:5000;http://*:5001") yields one site per endpoint.
    /// </summary>
    internal sealed class EndpointSite
    {
        public EndpointSite(EndpointApi api, IOperation operation, ResolvedAddress address, IOperation? portOperand, long? port, UrlEndpoint? url = null, ImmutableArray<PortValue> ports = default, IMethodSymbol? helper = null)
        {
            Helper = helper;
            Api = api;
            Operation = operation;
            Address = address;
            PortOperand = portOperand;
            Port = port;
            Url = url;
            Ports = !ports.IsDefault ? ports
                : port is { } single ? ImmutableArray.Create(new PortValue(single, url is null ? portOperand : null))
                : ImmutableArray<PortValue>.Empty;
        }

        /// <summary>
        /// Every constant the port can take: one for a constant, each branch for <c>ci ? 5000 : 5001</c>, none when unknown.
        /// </summary>
        public ImmutableArray<PortValue> Ports { get; }

        /// <summary>
        /// For a call of a helper such as <c>StartServer(5000)</c> whose parameter reaches a bind site: the helper.
        /// Only the port is known at such a call; the address rules look at the bind site inside the helper.
        /// </summary>
        public IMethodSymbol? Helper { get; }

        /// <summary>How messages name the site: the API, or "StartServer (TcpListener)" for a helper call.</summary>
        public string DisplayName => Helper is { } helper ? $"{helper.Name} ({Api.DisplayName})" : Api.DisplayName;

        /// <summary>The URL, for sites whose endpoint is written as one.</summary>
        public UrlEndpoint? Url { get; }

        public EndpointApi Api { get; }

        /// <summary>The invocation or object creation.</summary>
        public IOperation Operation { get; }

        public ResolvedAddress Address { get; }

        /// <summary>The operand that carries the port (inside an endpoint when the API takes one).</summary>
        public IOperation? PortOperand { get; }

        /// <summary>The constant port, when it is one.</summary>
        public long? Port { get; }

        /// <summary>The target as a message shows it: "127.0.0.1:5000", "localhost", "http://localhost:5000".</summary>
        public string DescribeTarget()
        {
            var host = Url is { } url ? url.Parts.Host : Address.Describe();
            return Port is { } port ? $"{host}:{port}" : host;
        }
    }
}
