using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// A syntax-only filter in front of the semantic work: is this node a call that a row of the API table could
    /// match, a call of a port helper, or a configuration indexer assignment? False positives cost one
    /// GetOperation; false negatives would lose diagnostics, so the filter errs on the side of letting through.
    /// </summary>
    internal enum Candidate
    {
        None,

        /// <summary>A call or assignment that a row of the API table could match.</summary>
        Site,

        /// <summary>Only a call with a constant number, which matters only if it calls a port helper of this compilation.</summary>
        HelperCall,
    }

    internal static class SyntaxCandidates
    {
        private static readonly HashSet<string> Names = NamesOf(role: null);

        /// <summary>The configuration keys of the indexer and dictionary rows ("urls", "Kestrel:Endpoints:*:Url").</summary>
        private static readonly string[] UrlKeys = EndpointApiTable.Rows
            .Where(api => api.MemberName is "set_Item" or "Add" && api.KeyParameter >= 0)
            .SelectMany(api => api.Keys)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        /// <summary>
        /// The names that calls of the table's rows (of <paramref name="role"/>, or all) are written with: method names,
        /// and type names for constructors. Indexer rows are not called by name.
        /// </summary>
        public static HashSet<string> NamesOf(EndpointRole? role) => new HashSet<string>(
            EndpointApiTable.Rows
                .Where(api => (role is null || api.Role == role) && api.MemberName != "set_Item")
                .Select(api => api.MemberName == EndpointApi.Constructor ? SimpleTypeName(api.TypeName) : api.MemberName),
            StringComparer.Ordinal);

        /// <summary>The name a call or creation is written with: "Bind" in socket.Bind(...), "TcpListener" in new TcpListener(...).</summary>
        public static string CalledName(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax invocation => Name(invocation.Expression),
            ObjectCreationExpressionSyntax creation => Name(creation.Type),
            _ => string.Empty,
        };

        public static bool MayBeSite(SyntaxNode node) => Classify(node) != Candidate.None;

        /// <summary>
        /// What a node may be: a call a table row could match (<see cref="Candidate.Site"/>), only a call that may pass a
        /// constant port to a helper of this compilation (<see cref="Candidate.HelperCall"/>: the helper index can rule it
        /// out by the called name without binding anything), or neither.
        /// </summary>
        public static Candidate Classify(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax invocation =>
                Names.Contains(CalledName(invocation)) && ArgumentsMayMatch(CalledName(invocation), invocation.ArgumentList) ? Candidate.Site
                : HasConstantNumber(invocation.ArgumentList) ? Candidate.HelperCall
                : Candidate.None,
            ObjectCreationExpressionSyntax creation =>
                Names.Contains(CalledName(creation)) || HasAlias(creation) ? Candidate.Site
                : HasConstantNumber(creation.ArgumentList) ? Candidate.HelperCall
                : Candidate.None,
            ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } => Candidate.Site,

            // configuration["urls"] = ..., and { ["urls"] = ... } in a dictionary initializer: the key is a string
            // written at the assignment, or a name that says it is about URLs (WebHostDefaults.ServerUrlsKey).
            AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } keys } } =>
                MayBeUrlKey(keys[0].Expression) ? Candidate.Site : Candidate.None,
            AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments: { Count: 1 } keys } } =>
                MayBeUrlKey(keys[0].Expression) ? Candidate.Site : Candidate.None,

            // { "urls", "http://*:5000" } in a dictionary initializer: a call of Add.
            InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression, Expressions.Count: 2 } => Candidate.Site,
            _ => Candidate.None,
        };

        /// <summary>
        /// The two table names that ordinary code calls all the time, checked against the rows' arguments before anything is
        /// bound: Add is a row with one string (<c>app.Urls.Add(url)</c>, <c>listener.Prefixes.Add(prefix)</c>) or with a URL key
        /// and a value (<c>Dictionary&lt;string, string&gt;.Add("urls", url)</c>), so <c>items.Add(new Item())</c>,
        /// <c>list.Add(1)</c> and <c>map.Add("name", x)</c> are not sites; Create is <c>TcpListener.Create(port)</c>, one argument.
        /// </summary>
        private static bool ArgumentsMayMatch(string name, ArgumentListSyntax arguments)
        {
            var list = arguments.Arguments;
            foreach (var argument in list)
            {
                if (argument.NameColon is not null)
                {
                    // Named arguments may come in any order: leave it to the symbol check.
                    return true;
                }
            }

            return name switch
            {
                "Add" => list.Count == 1 ? MayBeString(list[0].Expression) : list.Count == 2 && MayBeUrlKey(list[0].Expression),
                "Create" => list.Count == 1,
                _ => true,
            };
        }

        /// <summary>False for expressions that cannot be a string: new objects, lambdas, numbers, collections.</summary>
        private static bool MayBeString(ExpressionSyntax expression) => expression switch
        {
            ObjectCreationExpressionSyntax creation => creation.Type is PredefinedTypeSyntax || Name(creation.Type) == "String",
            ImplicitObjectCreationExpressionSyntax or AnonymousObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or
                ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax or AnonymousFunctionExpressionSyntax or TupleExpressionSyntax => false,
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression),
            _ => true,
        };

        private static string SimpleTypeName(string metadataName)
        {
            var name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
            var arity = name.IndexOf('`');
            return arity < 0 ? name : name.Substring(0, arity);
        }

        private static string Name(SyntaxNode node) => node switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };

        // new Listener(...) under "using Listener = System.Net.Sockets.TcpListener;".
        private static bool HasAlias(ObjectCreationExpressionSyntax creation)
        {
            if (creation.Type is not IdentifierNameSyntax || creation.SyntaxTree.GetRoot() is not CompilationUnitSyntax unit)
            {
                return false;
            }

            if (HasAlias(unit.Usings))
            {
                return true;
            }

            foreach (var member in unit.Members)
            {
                if (member is BaseNamespaceDeclarationSyntax space && HasAlias(space.Usings))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAlias(SyntaxList<UsingDirectiveSyntax> usings)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias is not null)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayBeUrlKey(ExpressionSyntax key) => key switch
        {
            // A key written out must be one of the rows' keys (a string literal's value is known without binding).
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression) && UrlKeys.Any(pattern => EndpointSiteFinder.KeyMatches(pattern, literal.Token.ValueText)),
            InterpolatedStringExpressionSyntax or BinaryExpressionSyntax => true,
            IdentifierNameSyntax identifier => MentionsUrl(identifier.Identifier.ValueText),
            MemberAccessExpressionSyntax access => MentionsUrl(access.Name.Identifier.ValueText),
            _ => false,
        };

        private static bool MentionsUrl(string name) => name.IndexOf("url", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool MentionsPort(string name) => PortWord.IsIn(name);

        /// <summary>StartServer(5000): a call that may pass a port to a helper. Numbers as written, and named constants.</summary>
        private static bool HasConstantNumber(ArgumentListSyntax? arguments)
        {
            if (arguments is null)
            {
                return false;
            }

            foreach (var argument in arguments.Arguments)
            {
                if (MayBeConstantNumber(argument.Expression))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayBeConstantNumber(ExpressionSyntax expression) => expression switch
        {
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NumericLiteralExpression),
            PrefixUnaryExpressionSyntax unary => MayBeConstantNumber(unary.Operand),
            CastExpressionSyntax cast => MayBeConstantNumber(cast.Expression),
            ParenthesizedExpressionSyntax parenthesized => MayBeConstantNumber(parenthesized.Expression),
            ConditionalExpressionSyntax conditional => MayBeConstantNumber(conditional.WhenTrue) || MayBeConstantNumber(conditional.WhenFalse),
            BinaryExpressionSyntax binary => MayBeConstantNumber(binary.Left) || MayBeConstantNumber(binary.Right),
            // A named constant: only names that say they are a port (EchoPort, Ports.Echo), so that ordinary
            // calls with variables do not all pay for binding.
            IdentifierNameSyntax identifier => MentionsPort(identifier.Identifier.ValueText),
            MemberAccessExpressionSyntax access => MentionsPort(access.Name.Identifier.ValueText) || MentionsPort(Name(access.Expression)),
            _ => false,
        };
    }
}
